import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestCache } from '../testing/openTestCache';
import { at, DAY, lesson, sampleSnapshot } from '../testing/sampleSchool';
import { useTempDirs } from '../testing/tempDir';
import { SourceError } from './errors';
import type { Source, SyncPayload } from './snapshot';
import { syncOnce } from './syncOnce';

const tempDir = useTempDirs();

/** A source whose upstream answer and behaviour the test decides. */
function source(fetch: () => Promise<unknown>, normalise: (raw: unknown) => SyncPayload = (raw) => raw as SyncPayload): Source<unknown> {
  return {
    id: 'test',
    fetch,
    validate: (raw) => {
      const shape = z.object({ kind: z.enum(['snapshot', 'delta', 'unchanged']) }).loose().safeParse(raw);
      if (!shape.success) throw new SourceError('UPSTREAM_INVALID', 'The upstream answer has an unexpected shape.');
      return raw;
    },
    normalise,
  };
}

const run = (db: ReturnType<typeof openTestCache>, s: Source<unknown>, signal = new AbortController().signal) =>
  syncOnce({ db, source: s, scope: 'kiosk', now: at(DAY, '08:00'), zone: 'Europe/Amsterdam', signal, progress: () => {} });

const lessonIds = (db: ReturnType<typeof openTestCache>) => (db.prepare('SELECT id FROM lessons ORDER BY id').all() as { id: string }[]).map((r) => r.id);

describe('one sync', () => {
  it('writes what the source returns and remembers its cursor', async () => {
    const db = openTestCache(tempDir());
    const result = await run(db, source(async () => sampleSnapshot({ cursor: 'after-1' })));
    expect(result.kind).toBe('snapshot');
    expect(lessonIds(db)).toHaveLength(7);
    expect(db.prepare("SELECT cursor FROM sync_state WHERE source = 'test'").get()).toEqual({ cursor: 'after-1' });
  });

  describe('keeps the last good data when the upstream misbehaves', () => {
    const cases: [string, Source<unknown>, string][] = [
      ['fails', source(async () => { throw new SourceError('UPSTREAM_HTTP', 'HTTP 500'); }), 'UPSTREAM_HTTP'],
      ['sends something malformed', source(async () => ({ nonsense: true })), 'UPSTREAM_INVALID'],
      ['sends an empty timetable', source(async () => sampleSnapshot({ lessons: [] })), 'UPSTREAM_EMPTY'],
      ['sends impossible lessons', source(async () => sampleSnapshot({ lessons: [{ ...lesson('x', DAY, 1, 'A1.01'), end: 0 }] })), 'UPSTREAM_INVALID'],
    ];
    it.each(cases)('when it %s', async (_, bad, code) => {
      const db = openTestCache(tempDir());
      await run(db, source(async () => sampleSnapshot()));
      const before = lessonIds(db);
      await expect(run(db, bad)).rejects.toMatchObject({ code });
      expect(lessonIds(db)).toEqual(before);
    });
  });

  it('writes nothing when stopped before the write', async () => {
    const db = openTestCache(tempDir());
    const stop = new AbortController();
    await expect(run(db, source(async () => (stop.abort(), sampleSnapshot())), stop.signal)).rejects.toThrow();
    expect(lessonIds(db)).toEqual([]);
  });

  it('applies a delta on top of the snapshot', async () => {
    const db = openTestCache(tempDir());
    await run(db, source(async () => sampleSnapshot()));
    await run(db, source(async () => ({ kind: 'delta', upsertLessons: [lesson('extra', DAY, 3, 'A1.02')], removeLessonIds: ['ne-1A-next'], cursor: 'c' })));
    expect(lessonIds(db)).toContain('extra');
    expect(lessonIds(db)).not.toContain('ne-1A-next');
  });
});
