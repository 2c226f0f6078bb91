import { describe, expect, it } from 'vitest';
import type { RoomDay } from '@shared/contract';
import type { Lesson } from '@shared/domain/lesson';
import { at, DAY, lesson, room, ZONE } from '../testing/builders';
import { doorSignView, lessonProgress, sameView } from './doorSign';

const MONDAY = '2026-11-30';
const onMonday = (from: string, to: string, extra: Partial<Lesson> = {}) =>
  lesson(from, to, { day: MONDAY, start: at(from, MONDAY), end: at(to, MONDAY), ...extra });

function roomDay(lessons: Lesson[], nextDay: string | null = null, nextDayLessons: Lesson[] = []): RoomDay {
  return { room: room('A1.01'), day: DAY, lessons, nextDay, nextDayLessons, periods: [], dataAsOf: at('08:05') };
}

describe('doorSignView', () => {
  const first = lesson('08:30', '09:20', { subjects: ['wi'] });
  const second = lesson('09:20', '10:10', { subjects: ['en'] });
  const third = lesson('10:25', '11:15', { subjects: ['gs'] });
  const fourth = lesson('11:15', '12:05', { subjects: ['ak'] });
  const day = roomDay([first, second, third, fourth], MONDAY, [onMonday('08:30', '09:20', { subjects: ['ne'] })]);

  it('shows the lesson now, the next one and the rest of the day', () => {
    const view = doorSignView(day, at('08:45'), ZONE);
    expect(view).toMatchObject({ now: first, nowHeldHere: true, next: second, later: [third, fourth], dayOver: false, freeUntil: null });
  });

  it('flips at the exact millisecond a lesson ends', () => {
    expect(doorSignView(day, at('09:20') - 1, ZONE).now).toBe(first);
    expect(doorSignView(day, at('09:20'), ZONE).now).toBe(second);
    expect(doorSignView(day, at('10:10') - 1, ZONE).now).toBe(second);
    expect(doorSignView(day, at('10:10'), ZONE)).toMatchObject({ now: null, next: third, freeUntil: at('10:25') });
  });

  it('is free until the first lesson in the morning', () => {
    expect(doorSignView(day, at('07:45'), ZONE)).toMatchObject({ now: null, next: first, later: [second, third, fourth], freeUntil: at('08:30') });
  });

  it('after the last lesson turns to the next school day the core found (weekend and holidays skipped)', () => {
    const view = doorSignView(day, at('12:05'), ZONE);
    expect(view).toMatchObject({ now: null, dayOver: true, nextDay: MONDAY, freeUntil: null });
    expect(view.next?.subjects).toEqual(['ne']);
  });

  it('during the last lesson already names the next day\'s first lesson as next', () => {
    const view = doorSignView(day, at('11:30'), ZONE);
    expect(view).toMatchObject({ now: fourth, dayOver: true, nextDay: MONDAY });
    expect(view.next?.day).toBe(MONDAY);
  });

  it('knows today\'s lessons after midnight from yesterday\'s answer, before the page asks again', () => {
    const view = doorSignView(day, at('08:45', MONDAY), ZONE);
    expect(view).toMatchObject({ now: { subjects: ['ne'] }, next: null, dayOver: true, nextDay: null });
  });

  it('says nothing is planned when the core knows no next day', () => {
    expect(doorSignView(roomDay([]), at('09:00'), ZONE)).toMatchObject({ now: null, next: null, dayOver: true, nextDay: null });
  });

  it('shows a cancelled lesson now, but not as held here, and a lesson held here wins over one moved away', () => {
    const cancelled = lesson('08:30', '09:20', { change: { cancelled: true } });
    expect(doorSignView(roomDay([cancelled, second]), at('09:00'), ZONE)).toMatchObject({ now: cancelled, nowHeldHere: false, next: second });
    const movedAway = lesson('08:30', '09:20', { rooms: ['B2.10'], change: { previousRooms: ['A1.01'] } });
    const held = lesson('08:30', '09:20', { subjects: ['bi'] });
    expect(doorSignView(roomDay([movedAway, held]), at('09:00'), ZONE)).toMatchObject({ now: held, nowHeldHere: true });
  });

  it('measures progress through the lesson and reuses an unchanged view', () => {
    expect(lessonProgress(first, at('08:30'))).toBe(0);
    expect(lessonProgress(first, at('08:55'))).toBe(0.5);
    expect(lessonProgress(first, at('10:00'))).toBe(1);
    expect(sameView(doorSignView(day, at('08:45'), ZONE), doorSignView(day, at('08:46'), ZONE))).toBe(true);
    expect(sameView(doorSignView(day, at('08:45'), ZONE), doorSignView(day, at('09:20'), ZONE))).toBe(false);
  });

  it('counts a lesson across the autumn clock change by real time', () => {
    // 25 October 2026, 01:30 summer time to 02:30 winter time: two real hours.
    const sunday = '2026-10-25';
    const night = lesson('01:30', '02:30', { day: sunday, start: Date.parse('2026-10-24T23:30:00Z'), end: Date.parse('2026-10-25T01:30:00Z') });
    const view = doorSignView({ ...roomDay([night]), day: sunday }, Date.parse('2026-10-25T00:30:00Z'), ZONE);
    expect(view.now).toBe(night);
    expect(lessonProgress(night, Date.parse('2026-10-25T00:30:00Z'))).toBe(0.5);
  });
});
