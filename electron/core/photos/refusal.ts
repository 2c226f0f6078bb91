import type { PhotoRefusalCode } from '@shared/domain';

/** Why a file (or a whole source) is not imported: a code the page words, and the core's own sentence as the detail. */
export interface Refusal {
  code: PhotoRefusalCode;
  text: string;
}

export const refusal = (code: PhotoRefusalCode, text: string): Refusal => ({ code, text });
