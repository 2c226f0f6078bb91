import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NowNextBoard, SyncStatus } from '@shared/contract';
import { instantAt } from '@shared/timetable/zonedTime';
import { openCache } from './db/open';
import { memoryLogger } from './logger';
import { generateDemoSchool } from './demo/demoSchool';
import { startCore } from './testing/startedCore';
import { manualClock } from './clock';
import { useTempDirs } from './testing/tempDir';

const tempDir = useTempDirs();
const NOW = instantAt('2026-11-24', '09:00', 'Europe/Amsterdam');

describe('the core, end to end with the demo school', () => {
  it('syncs the demo school in its worker and serves now/next from the encrypted cache', async () => {
    const dir = tempDir();
    const { core, key } = await startCore(dir, { snapshot: null, clock: manualClock(NOW), settings: { source: { type: 'demo', size: 'small' } } });
    const events: string[] = [];
    core.subscribe((name) => events.push(name));
    expect(((await core.dispatch({ role: 'kiosk' }, 'sync.status', {})) as { value: SyncStatus }).value.state).toBe('never');

    const status = await core.syncNow();
    expect(status).toMatchObject({ state: 'idle', lastSuccessAt: NOW, lastError: null });
    expect(events).toContain('data.changed');

    const board = (await core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', {})) as { ok: true; value: NowNextBoard };
    expect(board.ok).toBe(true);
    expect(board.value.rooms.length).toBeGreaterThan(5);
    expect(board.value.rooms.filter((r) => r.now !== null).length).toBeGreaterThan(0);
    expect(board.value.dataAsOf).toBe(NOW);

    // A kiosk's cache: no pupils, no teacher names, and nothing readable at rest.
    const school = generateDemoSchool({ size: 'small', now: NOW, zone: 'Europe/Amsterdam', scope: 'staff' });
    const bytes = Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('cache.db')).map((f) => readFileSync(join(dir, f))));
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    // Names of five letters or more: a shorter one ("Vos") turns up by chance in megabytes of ciphertext.
    const names = school.pupils.slice(0, 80).map((p) => p.lastName).filter((name) => name.length >= 5);
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((name) => bytes.includes(Buffer.from(name)))).toEqual([]);
    await core.stop();
    const { db } = openCache({ file: join(dir, 'cache.db'), key, log: memoryLogger() });
    expect(db.prepare('SELECT count(*) AS n FROM pupils').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM teachers WHERE last_name IS NOT NULL').get()).toEqual({ n: 0 });
    expect((db.prepare('SELECT count(*) AS n FROM lessons').get() as { n: number }).n).toBeGreaterThan(100);
    db.close();
  });

  it('on a staff PC, where the cache holds the demo pupils, none of their names is readable on disk', async () => {
    const dir = tempDir();
    const { core } = await startCore(dir, { mode: 'staff', snapshot: null, clock: manualClock(NOW), settings: { source: { type: 'demo', size: 'small' } } });
    expect((await core.syncNow()).state).toBe('idle');
    const school = generateDemoSchool({ size: 'small', now: NOW, zone: 'Europe/Amsterdam', scope: 'staff' });
    const files = readdirSync(dir).filter((f) => f.startsWith('cache.db'));
    expect(files).toContain('cache.db-wal');
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const names = [...school.pupils.flatMap((p) => [p.firstName, p.lastName, p.number]), ...school.teachers.flatMap((t) => (t.name ? [t.name.lastName] : []))];
    // Five letters or more: a shorter string turns up by chance in megabytes of ciphertext.
    const readable = [...new Set(names)].filter((name) => name.length >= 5 && bytes.includes(Buffer.from(name)));
    expect(readable).toEqual([]);
    await core.stop();
  });

  it('a staff PC turned kiosk loses its personal data before it shows anything', async () => {
    const dir = tempDir();
    const school = generateDemoSchool({ size: 'small', now: NOW, zone: 'Europe/Amsterdam', scope: 'staff' });
    // What a staff PC keeps and a kiosk never does: a remark, a change description, a teacher named in full.
    const [first, second] = school.lessons;
    school.lessons[0] = { ...first!, remark: 'Inhaaltoets Wilhelmina', change: { ...first!.change, description: 'Gesprek met Bartholomeus' } };
    school.lessons[1] = { ...second!, teachers: ['Annemarie Wijnberg'] };
    const staff = await startCore(dir, { mode: 'staff', snapshot: school });
    await staff.core.stop();
    const kiosk = await startCore(dir, { mode: 'kiosk', snapshot: null, key: staff.key });
    expect(kiosk.log.lines.map((l) => l.event)).toContain('cache.personal-data-removed');
    // The accounts and audit log are not the kiosk's to delete, nor to use: left in place, and said so.
    expect(kiosk.log.lines).toContainEqual(expect.objectContaining({ level: 'warn', event: 'records.left-from-staff-mode' }));
    await kiosk.core.stop();
    const { db } = openCache({ file: join(dir, 'cache.db'), key: staff.key, log: memoryLogger() });
    expect(db.prepare('SELECT count(*) AS n FROM pupils').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM teachers WHERE first_name IS NOT NULL OR last_name IS NOT NULL').get()).toEqual({ n: 0 });
    expect((db.prepare('SELECT count(*) AS n FROM lessons').get() as { n: number }).n).toBeGreaterThan(100);
    expect(db.prepare('SELECT count(*) AS n FROM lessons WHERE remark IS NOT NULL OR description IS NOT NULL').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT teachers FROM lessons WHERE id = ?').get(second!.id)).toEqual({ teachers: 'AW' });
    db.close();
    const bytes = Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('cache.db')).map((f) => readFileSync(join(dir, f))));
    for (const text of [school.pupils[0]!.lastName, 'Wilhelmina', 'Bartholomeus', 'Annemarie', 'Wijnberg']) expect(bytes.includes(Buffer.from(text)), text).toBe(false);
  });

  it('starts on a damaged cache, logs it, and the next sync fills it again', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cache.db'), Buffer.alloc(8192, 0x42));
    const { core, log } = await startCore(dir, { snapshot: null, clock: manualClock(NOW), settings: { source: { type: 'demo', size: 'small' } } });
    expect(log.lines).toContainEqual(expect.objectContaining({ event: 'cache.unreadable', level: 'warn' }));
    expect((await core.syncNow()).state).toBe('idle');
    const board = (await core.dispatch({ role: 'kiosk' }, 'kiosk.nowNext', {})) as { value: NowNextBoard };
    expect(board.value.rooms.length).toBeGreaterThan(0);
    await core.stop();
  });
});

describe('the demo school on a staff PC', () => {
  it('comes with illustrated portraits, so the photo lookup works on a fresh install', async () => {
    const dir = tempDir();
    const { core, key } = await startCore(dir, { mode: 'staff', snapshot: null, clock: manualClock(NOW), settings: { source: { type: 'demo', size: 'small' } } });
    await core.syncNow();
    await core.syncNow(); // the portraits follow the first sync; the second waits for the worker to be free
    await core.stop();
    const { db } = openCache({ file: join(dir, 'cache.db'), key, log: memoryLogger() });
    const pupils = db.prepare('SELECT count(*) FROM pupils WHERE photo_consent = 1').pluck().get() as number;
    expect(pupils).toBeGreaterThan(100);
    // Every pupil with consent has a portrait; a pupil without has none at all, not even an illustrated one.
    expect(db.prepare('SELECT count(*) FROM photos').pluck().get()).toBe(pupils);
    expect(db.prepare('SELECT count(*) FROM photos JOIN pupils ON pupils.number = photos.pupil_number WHERE photo_consent = 0').pluck().get()).toBe(0);
    expect((db.prepare('SELECT bytes FROM photos LIMIT 1').pluck().get() as Buffer).subarray(1, 4).toString()).toBe('PNG');
    db.close();
  });
});
