import { describe, expect, it } from 'vitest';
import { DAY, lesson, sampleSnapshot } from '../testing/sampleSchool';
import { checkSnapshot } from './checkPayload';

describe('checking a snapshot before it may replace the cache', () => {
  it('accepts a sound one', () => {
    expect(() => checkSnapshot(sampleSnapshot())).not.toThrow();
  });

  it.each([
    ['no lessons', sampleSnapshot({ lessons: [] }), 'UPSTREAM_EMPTY'],
    ['no rooms', sampleSnapshot({ rooms: [] }), 'UPSTREAM_EMPTY'],
    ['a lesson ending before it starts', sampleSnapshot({ lessons: [{ ...lesson('x', DAY, 1, 'A1.01'), end: 0 }] }), 'UPSTREAM_INVALID'],
    ['a lesson twice', sampleSnapshot({ lessons: [lesson('x', DAY, 1, 'A1.01'), lesson('x', DAY, 2, 'A1.01')] }), 'UPSTREAM_INVALID'],
    ['a lesson outside its window', sampleSnapshot({ lessons: [lesson('x', '2026-12-24', 1, 'A1.01')] }), 'UPSTREAM_INVALID'],
  ])('refuses %s', (_, snapshot, code) => {
    expect(() => checkSnapshot(snapshot)).toThrow(expect.objectContaining({ code }));
  });
});
