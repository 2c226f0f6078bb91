import type { DisplayLayout, DisplayProfile } from '../domain/display';

/*
 * Type sized from the screen and the distance it is read from (docs/reading-distance.md). The legibility of a
 * letter depends on the angle its height subtends at the eye: ISO 9241-3 (as NUREG-0700 1.3.1-4 quotes it) asks
 * at least 16 minutes of arc for capital letters read as text, and prefers 20 to 22. Gangbord gives the main lines
 * (room, now and next) 20', every other text a passer-by reads 16', and status text (last updated, page m/n) 12'.
 */

export const ARC_MINUTES = { main: 20, text: 16, status: 12 } as const;
export type ReadingRole = keyof typeof ARC_MINUTES;

/** The screens a layout usually runs on, where the profile does not say. */
export const USUAL_VIEWING: Record<DisplayLayout, { inches: number; metres: number }> = {
  corridor: { inches: 55, metres: 3 },
  changes: { inches: 55, metres: 3 },
  announcements: { inches: 55, metres: 3 },
  door: { inches: 10.1, metres: 1 },
};

export function viewingOf(profile: Pick<DisplayProfile, 'layout' | 'screenInches' | 'viewingMetres'>): { inches: number; metres: number } {
  const usual = USUAL_VIEWING[profile.layout];
  return { inches: profile.screenInches ?? usual.inches, metres: profile.viewingMetres ?? usual.metres };
}

/** Millimetres a CSS pixel covers on a screen of this diagonal showing `width` × `height` pixels edge to edge. */
export function mmPerPixel(inches: number, width: number, height: number): number {
  return (inches * 25.4) / Math.hypot(width, height);
}

/** The height in millimetres that subtends `minutes` of arc at `metres`: h = 2·d·tan(θ/2). */
export function heightForAngle(minutes: number, metres: number): number {
  return 2 * metres * 1000 * Math.tan(((minutes / 60) * Math.PI) / 180 / 2);
}

/** The angle in minutes of arc a height in millimetres subtends at `metres`. */
export function angleOfHeight(mm: number, metres: number): number {
  return ((2 * Math.atan(mm / (2 * metres * 1000))) * 180 * 60) / Math.PI;
}

export interface ReadingScale {
  /** Font sizes in CSS pixels whose capitals subtend each role's angle. */
  px: Record<ReadingRole, number>;
  mmPerPx: number;
}

/**
 * Font sizes for each role. `capRatio` is the font's capital height over its size (about 0.7 for the sans-serif
 * faces kiosks have; the page measures its own). Rounded up a little so rounding in layout never drops below.
 */
export function readingScale(o: { inches: number; metres: number; width: number; height: number; capRatio: number }): ReadingScale {
  const mmPerPx = mmPerPixel(o.inches, o.width, o.height);
  const size = (role: ReadingRole) => Math.ceil((heightForAngle(ARC_MINUTES[role], o.metres) / mmPerPx / o.capRatio) * 1.02 * 10) / 10;
  return { px: { main: size('main'), text: size('text'), status: size('status') }, mmPerPx };
}

/** Up to how many metres text of `fontPx` is readable (16' capitals) on this screen: for the admin overlay. */
export function readableUpTo(fontPx: number, capRatio: number, mmPerPx: number): number {
  const capMm = fontPx * capRatio * mmPerPx;
  return capMm / (2 * Math.tan(((ARC_MINUTES.text / 60) * Math.PI) / 180 / 2)) / 1000;
}
