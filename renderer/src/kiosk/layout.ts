import type { DisplayProfile } from '@shared/domain/display';

export type Orientation = DisplayProfile['orientation'];

/** Long enough to find and read one room on a page, short enough that all pages come round within a minute. */
export const KIOSK_PAGE_INTERVAL_MS = 12_000;
