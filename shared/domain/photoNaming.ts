/**
 * How schools name photo files, as patterns the importer runs on each file name (case-insensitive; the first group is
 * the pupil number). A custom pattern is the exception; these are what photographers and pupil systems deliver.
 */
export const PHOTO_NAMING = {
  /** 123456.jpg */
  number: '^(\\d+)\\.(?:jpe?g|png)$',
  /** Jansen, Piet (123456).jpg */
  nameThenNumber: '\\((\\d+)\\)\\.(?:jpe?g|png)$',
  /** 123456_Jansen_Piet.jpg, 123456 - Piet Jansen.jpg: a pupil system's export with the number first */
  numberThenName: '^(\\d+)(?:[ _.-].*)?\\.(?:jpe?g|png)$',
} as const;

export type PhotoNaming = keyof typeof PHOTO_NAMING;
export const PHOTO_NAMINGS = Object.keys(PHOTO_NAMING) as PhotoNaming[];

/** The preset a pattern is, or null for a pattern of the administrator's own. */
export function namingOf(pattern: string): PhotoNaming | null {
  return PHOTO_NAMINGS.find((n) => PHOTO_NAMING[n] === pattern) ?? null;
}
