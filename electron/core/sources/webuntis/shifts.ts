import type { Lesson } from '@shared/domain';
import { instantAt, localDateOf } from '@shared/timetable/zonedTime';
import { movedDay } from '../common/leftSlot';
import type { ElementNames } from './lessons';
import type { UntisSubstitution } from './schemas';
import { untisDate, untisMinutes } from './untisTime';

/*
 * A lesson moved to another day ("Verlegung") is two timetable entries in WebUntis: the old slot with code
 * `cancelled` and the new one `irregular`, with nothing in them linking the two. A substitution of type `shift`
 * names both slots (its own date and time, and `reschedule`); the old one is the cancelled entry. Paired, the old
 * slot says where the lesson went and the new one where it came from (leftSlot.ts). Accounts that may not read
 * substitutions see the cancellation and the extra lesson only, as before.
 */

const slotOf = (date: number | string, time: number | string, zone: string): number | null => {
  const day = untisDate(date);
  const minutes = untisMinutes(time);
  return day === null || minutes === null ? null : instantAt(day, minutes, zone);
};

export function applyShifts(lessons: Lesson[], subs: readonly UntisSubstitution[] | null, names: ElementNames, zone: string): Lesson[] {
  const shifts = (subs ?? []).filter((s) => s.type === 'shift' && s.reschedule);
  if (shifts.length === 0) return lessons;
  const byStart = new Map<number, Lesson[]>();
  for (const l of lessons) {
    const list = byStart.get(l.start);
    if (list) list.push(l);
    else byStart.set(l.start, [l]);
  }
  const replaced = new Map<string, Lesson>();
  for (const s of shifts) {
    const a = slotOf(s.date, s.startTime, zone);
    const b = slotOf(s.reschedule!.date, s.reschedule!.startTime, zone);
    if (a === null || b === null) continue;
    const groups = new Set(
      (s.kl ?? []).map((r) => names.klassen.get(r.id ?? -1) ?? names.klassen.get(r.orgid ?? -1)).filter((g): g is string => g !== undefined),
    );
    const ofClass = (start: number) => (byStart.get(start) ?? []).filter((l) => groups.size === 0 || l.groups.some((g) => groups.has(g)));
    const [one, two] = [ofClass(a), ofClass(b)];
    const old = [...one, ...two].find((l) => l.change.cancelled && !l.change.movedTo);
    if (!old || replaced.has(old.id)) continue;
    const otherStart = old.start === a ? b : a;
    if (localDateOf(otherStart, zone) === old.day) continue;
    // At the new slot, the entry that is not in the regular timetable (irregular, nothing replaced): the class may
    // have its regular lesson there too.
    const there = (old.start === a ? two : one).filter((l) => !l.change.cancelled);
    const now =
      there.find((l) => l.change.added && l.subjects.some((x) => old.subjects.includes(x))) ??
      there.find((l) => l.change.added) ??
      (there.length === 1 ? there[0] : undefined);
    if (now && !replaced.has(now.id)) {
      const moved = movedDay({ ...now, change: { ...now.change, added: false, previousStart: old.start } }, (t) => localDateOf(t, zone));
      if (moved) replaced.set(now.id, moved.arrived);
    }
    // The old slot keeps its own entry (id, rooms, teachers as WebUntis has them), now saying where the lesson went.
    // Where the new entry is outside what was fetched (a near fetch of two days), the substitution says enough.
    const rooms = now?.rooms ?? (s.ro ?? []).map((r) => names.rooms.get(r.id ?? -1)).filter((r): r is string => r !== undefined).slice(0, 10);
    replaced.set(old.id, { ...old, change: { ...old.change, movedTo: { start: otherStart, periodFrom: now?.periodFrom ?? null, rooms } } });
  }
  return lessons.map((l) => replaced.get(l.id) ?? l);
}
