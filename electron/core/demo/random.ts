/*
 * Deterministic randomness for the demo school. The same seed must give the same school on every machine and
 * every run, so nothing here reads the clock or Math.random.
 */

export type Random = () => number;

/** mulberry32: tiny, fast and good enough to make a school look varied. Returns floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over UTF-16 code units: stable string hashing for dates, codes and labels. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mixHash(h, 0);
}

/** Combines two 32-bit values into a well-spread 32-bit hash (murmur3's finaliser). */
export function mixHash(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A hash as a float in [0, 1), for "does this lesson get a change" decisions. */
export function unitOf(hash: number): number {
  return hash / 4294967296;
}

/**
 * A separate stream per concern (rooms, names, timetable...), so that generating pupils in staff scope and
 * not in kiosk scope cannot shift the timetable.
 */
export function streamFor(seed: number, label: string): Random {
  return mulberry32(hashString(label, mixHash(seed >>> 0, 0x5eed)));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function shuffleInPlace<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
  return items;
}
