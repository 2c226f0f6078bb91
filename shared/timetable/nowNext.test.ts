import { describe, expect, it } from 'vitest';
import type { Lesson } from '../domain/lesson';
import { nextBoundary, pickNowNext, takesPlaceIn } from './nowNext';

const H = 3_600_000;
const make = (id: string, start: number, end: number, extra: Partial<Lesson['change']> = {}, rooms = ['A']): Lesson => ({
  id, start, end, day: '2026-11-24', periodFrom: null, periodTo: null, kind: 'lesson', subjects: [], groups: [], teachers: [], rooms, remark: null,
  change: { cancelled: false, added: false, previousRooms: [], previousTeachers: [], previousStart: null, movedTo: null, description: null, ...extra },
});

describe('now and next', () => {
  const first = make('first', 8 * H, 9 * H);
  const second = make('second', 9 * H, 10 * H);
  const later = make('later', 11 * H, 12 * H);

  it('is the running lesson and the one after it', () => {
    expect(pickNowNext([later, second, first], 8.5 * H)).toEqual({ now: first, next: second });
  });

  it('switches at the boundary, not a millisecond late', () => {
    expect(pickNowNext([first, second], 9 * H - 1).now).toBe(first);
    expect(pickNowNext([first, second], 9 * H)).toEqual({ now: second, next: null });
  });

  it('shows a gap as nothing now and the next lesson', () => {
    expect(pickNowNext([first, second, later], 10.5 * H)).toEqual({ now: null, next: later });
  });

  it('prefers a lesson that takes place over a cancelled one at the same time', () => {
    const cancelled = make('cancelled', 8 * H, 9 * H, { cancelled: true });
    expect(pickNowNext([cancelled, first], 8.5 * H).now).toBe(first);
    expect(pickNowNext([cancelled], 8.5 * H).now).toBe(cancelled);
  });

  it('prefers the lesson held in this room over one that moved away from it', () => {
    const movedAway = make('moved', 8 * H, 9 * H, { previousRooms: ['A'] }, ['B']);
    const replacement = make('here', 8 * H, 9 * H);
    expect(pickNowNext([movedAway, replacement], 8.5 * H, takesPlaceIn('A')).now).toBe(replacement);
  });

  it('knows when the picture changes next', () => {
    expect(nextBoundary([first, second, later], 8.5 * H)).toBe(9 * H);
    expect(nextBoundary([first], 9 * H)).toBeNull();
  });
});
