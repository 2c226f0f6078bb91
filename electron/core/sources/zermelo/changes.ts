import type { LessonChange } from '@shared/domain';
import { cleanCode, cleanCodes, cleanText } from '../common/codes';
import type { ZermeloAppointment } from './schemas';

/** What a changeDescription says the lesson was before: "Het lokaal is gewijzigd (was 6r)." → rooms ['6r']. */
export interface WasInDescription {
  rooms: string[];
  teachers: string[];
}

const WAS = /\(\s*was:?\s*([^)]*)\)/i;
const ABOUT_ROOM = /lokaal|lokalen|locatie|ruimte|room|location/i;
const ABOUT_TEACHER = /docent|leraar|lerares|vervang|teacher/i;

/**
 * Reads "(was X)" per sentence. Zermelo writes one sentence per change, in Dutch, e.g. "Het lokaal is gewijzigd
 * (was 6r). De docent is vervangen (was ojse)."; several values are separated by commas or "en".
 */
export function wasInDescription(description: string | null | undefined): WasInDescription {
  const out: WasInDescription = { rooms: [], teachers: [] };
  if (!description) return out;
  for (const sentence of description.split(/(?<=[.;!?])\s+|\n/)) {
    const match = WAS.exec(sentence);
    if (!match) continue;
    const values = match[1]!.split(/\s*,\s*|\s+en\s+|\s+and\s+|\s*\/\s*/).map(cleanCode).filter((c): c is string => c !== null);
    const before = sentence.slice(0, match.index);
    if (ABOUT_ROOM.test(before)) out.rooms.push(...values);
    else if (ABOUT_TEACHER.test(before)) out.teachers.push(...values);
  }
  return out;
}

const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

/**
 * What was there before, for one kind of element. The granular flag decides whether anything changed (when the
 * school grants it); the description's "(was X)" says what it was, else the earlier version does.
 */
function before(flag: boolean | null | undefined, fromDescription: string[], now: string[], previousList: unknown, hasPrevious: boolean): string[] {
  if (flag === false) return [];
  const earlier = hasPrevious ? minus(cleanCodes(previousList, 10), now) : [];
  if (flag === true) return minus(fromDescription.length > 0 ? fromDescription : earlier, now).slice(0, 10);
  // No flag (not granted): believe a difference with the earlier version, or an explicit "(was X)".
  return minus(earlier.length > 0 ? earlier : fromDescription, now).slice(0, 10);
}

/** The domain's change record for a current version, compared with an earlier version when there is one. */
export function lessonChange(current: ZermeloAppointment, previous: ZermeloAppointment | null, rooms: string[], teachers: string[]): LessonChange {
  const description = cleanText(current.changeDescription, 500) ?? (current.cancelled ? cleanText(current.cancelledReason, 500) : null);
  const was = wasInDescription(current.changeDescription);
  const timeChanged = current.timeChanged ?? current.moved ?? null;
  return {
    cancelled: current.cancelled === true,
    added: current.new === true,
    previousRooms: before(current.locationChanged, was.rooms, rooms, previous?.locations, previous !== null),
    previousTeachers: before(current.teacherChanged, was.teachers, teachers, previous?.teachers, previous !== null),
    previousStart: timeChanged !== false && previous !== null && previous.start !== current.start ? previous.start * 1000 : null,
    movedTo: null,
    description,
  };
}
