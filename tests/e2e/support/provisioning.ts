import { hashPin } from '../../../electron/core/display/pin';
import type { Announcement } from '@shared/domain/announcement';
import type { DisplayProfileInput } from '@shared/domain/display';
import type { SettingsInput } from '@shared/settings';

/** The display PIN every e2e provisioning file unlocks the on-screen switch with. */
export const TEST_PIN = '246810';

// One scrypt hash per worker: each costs tens of milliseconds on purpose.
let pinHash: string | null = null;
const testPinHash = () => (pinHash ??= hashPin(TEST_PIN));

export interface ProvisioningOptions {
  /** The profiles; the first runs unless `active` names another. */
  profiles: DisplayProfileInput[];
  active?: string;
  announcements?: Announcement[];
  /** Other settings sections (e.g. `source`), beside the display section. */
  settings?: Omit<SettingsInput, 'display'>;
}

/** A provisioning file (shared/provisioning.ts) with display profiles, the test PIN and announcements. */
export function provisioning(options: ProvisioningOptions) {
  return {
    settings: {
      ...options.settings,
      display: { profiles: options.profiles, active: options.active ?? options.profiles[0]?.id ?? null, pinHash: testPinHash() },
    },
    announcements: options.announcements ?? [],
  };
}

/** A door sign for one room. */
export function doorProfile(room: string, extra: Partial<DisplayProfileInput> = {}): DisplayProfileInput {
  return { id: 'deur', name: `Deur ${room}`, layout: 'door', rooms: { kind: 'list', rooms: [room] }, ...extra };
}

/** Settings for a sync every two seconds, no jitter: new data (or a failure) shows within seconds. */
export const FAST_SYNC: SettingsInput = { sync: { schedule: '*/2 * * * * *', jitterSeconds: 0 } };
