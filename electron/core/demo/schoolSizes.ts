/** How big a demo school to make: `small` for fast unit tests, `standard` for a fresh install, `large` for benchmarks. */
export type DemoSize = 'small' | 'standard' | 'large';

/**
 * Streams (onderwijssoort): `B` brugklas (year 1, mixed), `M` mavo, `H` havo, `V` vwo and `HV` a combined
 * havo/vwo class as small schools have in years 2 and 3. Mavo ends after year 4, havo after 5, vwo after 6.
 */
export type Stream = 'B' | 'M' | 'H' | 'V' | 'HV';

export interface ClassPlanEntry {
  year: number;
  stream: Stream;
  classes: number;
}

export interface SizeProfile {
  pupils: number;
  staff: number;
  rooms: number;
  schoolWeeks: number;
  classPlan: readonly ClassPlanEntry[];
}

const entry = (year: number, stream: Stream, classes: number): ClassPlanEntry => ({ year, stream, classes });

// Class counts are written out rather than derived, so that a reader sees the school at a glance.
export const SIZE_PROFILES: Readonly<Record<DemoSize, SizeProfile>> = {
  // 9 classes of about 22: a small havo/vwo school.
  small: {
    pupils: 200, staff: 20, rooms: 15, schoolWeeks: 2,
    classPlan: [entry(1, 'B', 2), entry(2, 'HV', 1), entry(3, 'HV', 1), entry(4, 'H', 1), entry(4, 'V', 1), entry(5, 'H', 1), entry(5, 'V', 1), entry(6, 'V', 1)],
  },
  // 32 classes of about 28: a typical scholengemeenschap mavo/havo/vwo.
  standard: {
    pupils: 900, staff: 80, rooms: 60, schoolWeeks: 2,
    classPlan: [
      entry(1, 'B', 6),
      entry(2, 'M', 2), entry(2, 'H', 2), entry(2, 'V', 2),
      entry(3, 'M', 2), entry(3, 'H', 2), entry(3, 'V', 2),
      entry(4, 'M', 2), entry(4, 'H', 3), entry(4, 'V', 2),
      entry(5, 'H', 3), entry(5, 'V', 2),
      entry(6, 'V', 2),
    ],
  },
  // 105 classes of about 28.5: the benchmark school.
  large: {
    pupils: 3000, staff: 250, rooms: 150, schoolWeeks: 40,
    classPlan: [
      entry(1, 'B', 21),
      entry(2, 'M', 6), entry(2, 'H', 8), entry(2, 'V', 7),
      entry(3, 'M', 6), entry(3, 'H', 8), entry(3, 'V', 6),
      entry(4, 'M', 6), entry(4, 'H', 8), entry(4, 'V', 6),
      entry(5, 'H', 9), entry(5, 'V', 7),
      entry(6, 'V', 7),
    ],
  },
};
