import { describe, expect, it } from 'vitest';
import type { Announcement } from '@shared/domain';
import { writeSnapshot } from '../sync/writer';
import { openTestCache } from '../testing/openTestCache';
import { at, DAY, sampleSnapshot } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { currentAnnouncements } from './announcements';

const tempDir = useTempDirs();

const emergency: Announcement = {
  id: 'fire-drill', title: 'Ontruimingsoefening', body: 'Verlaat het gebouw via de dichtstbijzijnde uitgang.',
  start: at(DAY, '10:00'), end: at(DAY, '10:15'), audience: ['gym'], priority: 0, emergency: true,
};

function cache() {
  const db = openTestCache(tempDir());
  writeSnapshot(db, sampleSnapshot(), { scope: 'kiosk', source: 'test', now: at(DAY, '07:00') });
  return db;
}

describe('current announcements', () => {
  it('shows those for every screen and, for a display group, its own, highest priority first', () => {
    const db = cache();
    expect(currentAnnouncements(db, [], at(DAY, '09:00'), undefined).announcements.map((a) => a.id)).toEqual(['welcome']);
    expect(currentAnnouncements(db, [], at(DAY, '09:00'), 'aula').announcements.map((a) => a.id)).toEqual(['aula', 'welcome']);
  });

  it('puts an emergency from the provisioning file first on every screen, whatever its audience, while it lasts', () => {
    const db = cache();
    expect(currentAnnouncements(db, [emergency], at(DAY, '09:59'), undefined)).toMatchObject({ changesAt: at(DAY, '10:00') });
    const during = currentAnnouncements(db, [emergency], at(DAY, '10:05'), 'aula');
    expect(during.announcements.map((a) => a.id)).toEqual(['fire-drill', 'aula', 'welcome']);
    expect(during.changesAt).toBe(at(DAY, '10:15'));
    expect(currentAnnouncements(db, [emergency], at(DAY, '10:15'), undefined).announcements.map((a) => a.id)).toEqual(['welcome']);
  });
});
