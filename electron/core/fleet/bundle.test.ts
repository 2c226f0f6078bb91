import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createKioskBoard } from '../services/kioskBoard';
import { generateDemoSchool } from '../demo/demoSchool';
import type { Snapshot } from '../sync/snapshot';
import { openTestCache } from '../testing/openTestCache';
import { useTempDirs } from '../testing/tempDir';
import { applyBundle, type BundleState } from './applyBundle';
import { deltaBetween, sealBundle, type BundleBody } from './bundle';
import { sealEnvelope, type Trust } from './envelope';
import { newKeyPair } from './keys';

const tempDir = useTempDirs();
const ZONE = 'Europe/Amsterdam';
const NOW = Date.parse('2026-11-24T08:00:00Z');
const SCHOOL = 'gangbord-college';
const publisher = newKeyPair();
const trust: Trust = { school: SCHOOL, keys: new Map([[publisher.keyId, { publicKey: publisher.publicKey, kinds: ['bundle'] }]]), revoked: new Set() };
const demo = (): Snapshot => generateDemoSchool({ size: 'standard', now: NOW, zone: ZONE, scope: 'kiosk' });
const seal = (body: BundleBody | Snapshot, seq: number) => sealBundle(body, { school: SCHOOL, seq, now: NOW }, publisher);

function screen() {
  const db = openTestCache(tempDir());
  const state: BundleState = { lastSeq: undefined, fullSeq: undefined };
  const board = createKioskBoard(db, () => ZONE);
  const shown = () => JSON.stringify(board.nowNext(NOW + 3_600_000).rooms);
  return { db, state, board, shown, apply: (bytes: Buffer, at = NOW) => applyBundle(db, bytes, state, { trust, now: at }) };
}

describe('bundles from the publisher to a screen', () => {
  it('puts the publisher\'s kiosk picture on a screen, and a delta changes just the lessons it names', () => {
    const s = screen();
    const first = demo();
    expect(s.apply(seal(first, 1))).toMatchObject({ applied: true, kind: 'snapshot' });
    const rooms = s.board.nowNext(NOW + 3_600_000).rooms;
    expect(rooms.length).toBe(first.rooms.length);

    const target = first.lessons.find((l) => l.start > NOW + 3_600_000 && !l.change.cancelled)!;
    const next = { ...first, lessons: first.lessons.map((l) => (l.id === target.id ? { ...l, change: { ...l.change, cancelled: true } } : l)) };
    const delta = deltaBetween(first, next, 1)!;
    expect(delta).toMatchObject({ kind: 'delta', base: 1, removeLessonIds: [] });
    expect(delta.kind === 'delta' && delta.upsertLessons.map((l) => l.id)).toEqual([target.id]);
    expect(s.apply(seal(delta, 2))).toMatchObject({ applied: true, kind: 'delta' });
    expect(s.db.prepare('SELECT cancelled FROM lessons WHERE id = ?').get(target.id)).toEqual({ cancelled: 1 });
    expect(s.db.prepare('SELECT count(*) AS n FROM lessons WHERE cancelled = 1').get()).toEqual({ n: first.lessons.filter((l) => l.change.cancelled).length + 1 });
  });

  it('refuses a bundle with a pupil or a teacher\'s name in it, even signed by the publisher, and changes nothing', () => {
    const s = screen();
    s.apply(seal(demo(), 1));
    const before = s.shown();
    const withPupil = { ...demo(), pupils: [{ number: '123456', firstName: 'Canary', prefix: null, lastName: 'Vogel', groups: [], photoConsent: false }] };
    const withName = { ...demo(), teachers: [{ code: 'JAN', name: { firstName: 'Jan', prefix: null, lastName: 'Canary' } }] };
    for (const body of [withPupil, withName]) {
      // Signed as a careless publisher would: straight through sealEnvelope, past sealBundle's own check.
      const bytes = sealEnvelope({ kind: 'bundle', school: SCHOOL, seq: 5, issuedAt: NOW, notAfter: NOW + 3_600_000, body: gzipSync(JSON.stringify(body)) }, publisher);
      expect(s.apply(bytes)).toMatchObject({ applied: false, refusal: 'malformed' });
    }
    expect(s.shown()).toBe(before);
    expect(s.db.prepare('SELECT count(*) AS n FROM pupils').get()).toEqual({ n: 0 });
  });

  it('refuses one byte changed, an older bundle copied over a newer one, and a delta for a full bundle it never had', () => {
    const s = screen();
    const first = demo();
    s.apply(seal(first, 3));
    const before = s.shown();
    const bad = seal(first, 4);
    bad[bad.length - 10] = bad[bad.length - 10]! ^ 0xff;
    expect(s.apply(bad)).toMatchObject({ applied: false, refusal: 'body-changed' });
    expect(s.apply(seal(first, 2))).toMatchObject({ applied: false, refusal: 'replayed' });
    expect(s.apply(seal(deltaBetween(first, first, 1)!, 5))).toMatchObject({ applied: false, refusal: 'needs-full' });
    expect(s.shown()).toBe(before);
    expect(s.state).toEqual({ lastSeq: 3, fullSeq: 3 });
  });
});
