import type { SourceConfig } from '@shared/settings';
import { generateDemoPortrait } from '../../demo';
import type { PhotoRecord, Snapshot } from '../../sync/snapshot';

const made = new Map<string, PhotoRecord>();

/**
 * The demo school's "photo export" for a publisher without a photo store of its own (the command line): its
 * illustrated portraits (no real faces) for the pupils who consented, made once per pupil. Any other source's photos
 * are imported on the publisher desk's Photos page, so here there are none.
 */
export function demoPhotosOf(source: SourceConfig | null, snapshot: Snapshot): PhotoRecord[] {
  if (source !== null && source.type !== 'demo') return [];
  return snapshot.pupils.filter((p) => p.photoConsent).map((p) => {
    let photo = made.get(p.number);
    if (!photo) made.set(p.number, (photo = generateDemoPortrait(p.number)));
    return photo;
  });
}
