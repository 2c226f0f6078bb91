import type { z } from 'zod';
import type { WebUntisSourceConfig } from '@shared/settings';
import { SourceError } from '../source';
import { mapWithLimit } from '../common/http';
import type { SourceContext } from '../source';
import { nearDays, schoolWeeks, type SchoolWeek } from '../common/schoolWeeks';
import { isUnchanged, parseUntisCursor, type UntisCursor, untisConfigKey } from './cursor';
import { isDateRangeError, isMissingMethod, isNoRight, openSession, untisEndpoint, type UntisSession } from './rpc';
import { toUntisDate } from './untisTime';

export type WebUntisConfig = z.infer<typeof WebUntisSourceConfig>;

export interface WebUntisOptions {
  /** Per call, body included. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Calls in flight at once within the one session. */
  concurrency?: number;
}

/** WebUntis element types (getTimetable `type`). */
export const ELEMENT = { klasse: 1, teacher: 2, subject: 3, room: 4, student: 5 } as const;

export interface TimetableAnswer {
  type: number;
  id: number;
  result: unknown;
}

/** The server's answers, untouched; null where the account has no right (or, for pupils, in kiosk scope: never asked). */
export interface UntisFetched {
  /** `near`: the import did not move, so only today and the next school day were fetched (nearDays). */
  mode: 'full' | 'near';
  from: string;
  to: string;
  importTime: number | null;
  cursor: UntisCursor | null;
  rooms: unknown;
  klassen: unknown;
  teachers: unknown;
  subjects: unknown;
  timegrid: unknown;
  holidays: unknown;
  students: unknown;
  timetables: TimetableAnswer[];
  substitutions: unknown;
}

/** A call the sync can do without: null when the account may not, or the server does not know the method. */
async function optional(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    if (isNoRight(error) || isMissingMethod(error) || isDateRangeError(error)) return null;
    throw error;
  }
}

/** Ids of the active elements in a master-data answer; a malformed answer gives none (validate reports it). */
function activeIds(result: unknown): number[] {
  if (!Array.isArray(result)) return [];
  return result.flatMap((x: unknown) => {
    const e = x as { id?: unknown; active?: unknown } | null;
    return e !== null && typeof e === 'object' && typeof e.id === 'number' && e.active !== false ? [e.id] : [];
  });
}

const timetableParams = (type: number, id: number, from: string, to: string) => ({
  options: {
    element: { id, type },
    startDate: toUntisDate(from),
    endDate: toUntisDate(to),
    showLsText: true,
    showSubstText: true,
    showInfo: true,
    // Codes inline, so lessons read right even where the account may not list teachers. No student fields, ever.
    klasseFields: ['id', 'name', 'longname'],
    roomFields: ['id', 'name', 'longname'],
    subjectFields: ['id', 'name', 'longname'],
    teacherFields: ['id', 'name'],
  },
});

/**
 * The date ranges WebUntis will give timetables for. Usually the whole window at once; near the end of a school
 * year the server refuses dates past it (−7004/−8507), then each week is tried and only the weeks it gives are used.
 */
async function allowedRanges(session: UntisSession, first: { type: number; id: number }, weeks: readonly SchoolWeek[], signal: AbortSignal) {
  const from = weeks[0]!.monday;
  const to = weeks.at(-1)!.sunday;
  try {
    const result = await session.call('getTimetable', timetableParams(first.type, first.id, from, to), signal);
    return { ranges: [{ from, to }], firstAnswers: [result] };
  } catch (error) {
    if (!isDateRangeError(error)) throw error;
    const ranges: { from: string; to: string }[] = [];
    const firstAnswers: unknown[] = [];
    let refusal: unknown = error;
    for (const w of weeks) {
      try {
        firstAnswers.push(await session.call('getTimetable', timetableParams(first.type, first.id, w.monday, w.sunday), signal));
        ranges.push({ from: w.monday, to: w.sunday });
      } catch (weekError) {
        if (!isDateRangeError(weekError)) throw weekError;
        refusal = weekError;
      }
    }
    if (ranges.length === 0) throw refusal;
    return { ranges, firstAnswers };
  }
}

async function timetables(
  session: UntisSession,
  elements: { type: number; id: number }[],
  weeks: readonly SchoolWeek[],
  ctx: SourceContext,
  concurrency: number,
) {
  if (elements.length === 0) return { answers: [] as TimetableAnswer[], from: weeks[0]!.monday, to: weeks.at(-1)!.sunday };
  const { ranges, firstAnswers } = await allowedRanges(session, elements[0]!, weeks, ctx.signal);
  const tasks = elements.slice(1).flatMap((e) => ranges.map((r) => ({ ...e, ...r })));
  let done = 1;
  const total = tasks.length + 1;
  ctx.progress('timetables', done, total);
  const rest = await mapWithLimit(tasks, concurrency, ctx.signal, async (t, _i, signal) => {
    const result = await session.call('getTimetable', timetableParams(t.type, t.id, t.from, t.to), signal);
    ctx.progress('timetables', ++done, total);
    return { type: t.type, id: t.id, result };
  });
  const answers = [...firstAnswers.map((result) => ({ ...elements[0]!, result })), ...rest];
  return { answers, from: ranges[0]!.from, to: ranges.at(-1)!.to };
}

async function fetchWithSession(session: UntisSession, config: WebUntisConfig, options: WebUntisOptions, ctx: SourceContext): Promise<UntisFetched> {
  const weeks = schoolWeeks(ctx.now, ctx.zone, config.weeks);
  const cursor = parseUntisCursor(ctx.cursor);
  const window = { from: weeks[0]!.monday, to: weeks.at(-1)!.sunday };
  // The cheap question first: has Untis uploaded anything since the last full fetch?
  const latest = await optional(session.call('getLatestImportTime'));
  const importTime = typeof latest === 'number' && Number.isSafeInteger(latest) ? latest : null;
  // The same import, fetched fully within the hour: only today and the next school day, which a change made in
  // WebUntis itself (a substitute, a cancellation) most likely touches and which the screens show now. Small, so it
  // runs every sync; the full fetch follows on the next import or within the hour.
  const near = isUnchanged(cursor, { importTime, now: ctx.now, zone: ctx.zone, scope: ctx.scope, config: untisConfigKey(config), ...window });
  const days = near ? [nearDays(ctx.now, ctx.zone)] : weeks;

  const rooms = await session.call('getRooms');
  const klassen = await session.call('getKlassen');
  const teachers = await optional(session.call('getTeachers'));
  const subjects = await optional(session.call('getSubjects'));
  const timegrid = await optional(session.call('getTimegridUnits'));
  const holidays = near ? null : await optional(session.call('getHolidays'));
  // Pupils only on staff machines, and only where the account may list them; a kiosk never asks.
  const students = ctx.scope === 'staff' && !near ? await optional(session.call('getStudents')) : null;

  const elements = [
    ...activeIds(rooms).map((id) => ({ type: ELEMENT.room, id })),
    ...activeIds(klassen).map((id) => ({ type: ELEMENT.klasse, id })),
  ];
  const tt = await timetables(session, elements, days, ctx, options.concurrency ?? 3);
  const substitutions = await optional(session.call('getSubstitutions', { startDate: toUntisDate(tt.from), endDate: toUntisDate(tt.to), departmentId: 0 }));
  return {
    mode: near ? 'near' : 'full', from: tt.from, to: tt.to, importTime, cursor,
    rooms, klassen, teachers, subjects, timegrid, holidays, students, timetables: tt.answers, substitutions,
  };
}

/** Signs in, fetches, and always signs out again, also when something failed or the sync was stopped. */
export async function fetchWebUntis(config: WebUntisConfig, options: WebUntisOptions, ctx: SourceContext): Promise<UntisFetched> {
  const password = ctx.secret(config.password);
  if (!password) throw new SourceError('UPSTREAM_AUTH', `No WebUntis password is stored on this machine yet (secret "${config.password}"); enter it in the source settings.`);
  const session = await openSession({
    endpoint: untisEndpoint(config), school: config.school, user: config.username, password, signal: ctx.signal,
    timeoutMs: options.timeoutMs, maxBytes: options.maxBytes,
  });
  try {
    return await fetchWithSession(session, config, options, ctx);
  } finally {
    await session.logout();
  }
}
