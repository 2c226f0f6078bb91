import { readFileSync, writeFileSync } from 'node:fs';
import { instantAt } from '@shared/timetable/zonedTime';
import { generateDemoSchool } from '../demo/demoSchool';
import type { Snapshot } from '../sync/snapshot';

export interface TaggedSnapshot {
  tag: string;
  snapshot: Snapshot;
}

/**
 * Two timetables that differ in every way a torn write would show: the school's name (the tag) and the number of
 * lessons. After a kill the cache must hold one of them whole. Made once and kept in a file, so that each process
 * the loop starts only reads them.
 */
export function writeCrashLoopSnapshots(file: string): TaggedSnapshot[] {
  const zone = 'Europe/Amsterdam';
  const now = instantAt('2026-11-24', '09:00', zone);
  const tagged = (['A', 'B'] as const).map((tag, i) => {
    const snapshot = generateDemoSchool({ size: i === 0 ? 'small' : 'standard', now, zone, scope: 'kiosk' });
    return { tag, snapshot: { ...snapshot, school: { ...snapshot.school, name: `Crash ${tag}` } } };
  });
  writeFileSync(file, JSON.stringify(tagged));
  return tagged;
}

export const readCrashLoopSnapshots = (file: string): TaggedSnapshot[] => JSON.parse(readFileSync(file, 'utf8')) as TaggedSnapshot[];
