import { connectionStep, counted, failedStep, runStep as step } from '../common/connectionStep';
import type { SourceContext, ConnectionStep } from '../source';
import { schoolWeeks } from '../common/schoolWeeks';
import { ELEMENT, type WebUntisConfig, type WebUntisOptions } from './fetch';
import { isMissingMethod, isNoRight, openSession, untisEndpoint, type UntisSession } from './rpc';
import { toUntisDate } from './untisTime';

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** The first active element's id and name in a master-data answer. */
function firstOf(list: unknown): { id: number; name: string } | null {
  if (!Array.isArray(list)) return null;
  const e = list.find((x: unknown) => typeof (x as { id?: unknown } | null)?.id === 'number' && (x as { active?: unknown }).active !== false) as { id: number; name?: unknown } | undefined;
  return e ? { id: e.id, name: String(e.name ?? e.id) } : null;
}

async function steps(session: UntisSession, config: WebUntisConfig, ctx: SourceContext, out: ConnectionStep[]): Promise<void> {
  await step(out, 'lastUpload', async () => {
    const t = await session.call('getLatestImportTime');
    return typeof t === 'number' && t > 0 ? new Date(t).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'The server does not say.';
  });
  let rooms: unknown = null;
  let klassen: unknown = null;
  await step(out, 'rooms', async () => counted(lengthOf((rooms = await session.call('getRooms'))), 'room', 'rooms'));
  await step(out, 'classes', async () => counted(lengthOf((klassen = await session.call('getKlassen'))), 'class', 'classes'));
  await step(out, 'teachers', async () => {
    try {
      return counted(lengthOf(await session.call('getTeachers')), 'teacher', 'teachers');
    } catch (error) {
      if (isNoRight(error)) return 'This account may not list teachers; lessons still show their abbreviations.';
      throw error;
    }
  });
  if (ctx.scope === 'staff') {
    await step(out, 'pupils', async () => counted(lengthOf(await session.call('getStudents')), 'pupil', 'pupils'));
  }
  const week = schoolWeeks(ctx.now, ctx.zone, 1)[0]!;
  const klasse = firstOf(klassen);
  const room = firstOf(rooms);
  const element = klasse ? { ...klasse, type: ELEMENT.klasse, kind: 'class' } : room ? { ...room, type: ELEMENT.room, kind: 'room' } : null;
  if (element) {
    await step(out, 'timetableForWeek', async () => {
      const periods = await session.call('getTimetable', { id: element.id, type: element.type, startDate: toUntisDate(week.monday), endDate: toUntisDate(week.sunday) });
      const found = counted(lengthOf(periods), 'lesson', 'lessons');
      return { ...found, detail: `${found.detail} for ${element.kind} ${element.name}` };
    }, week.week ?? week.label);
  }
  await step(out, 'substitutions', async () => {
    try {
      const subs = await session.call('getSubstitutions', { startDate: toUntisDate(week.monday), endDate: toUntisDate(week.sunday), departmentId: 0 });
      const found = counted(lengthOf(subs), 'change', 'changes');
      return { ...found, detail: `Allowed; ${found.detail} in ${week.label}.` };
    } catch (error) {
      if (isNoRight(error) || isMissingMethod(error)) return 'Not allowed for this account: cancellations and changes still show from the timetable, without their texts.';
      throw error;
    }
  });
}

/** "Test connection" for WebUntis: sign in, what the account may see, one week of one class, substitutions; then sign out. */
export async function webUntisTestSteps(config: WebUntisConfig, options: WebUntisOptions, ctx: SourceContext): Promise<ConnectionStep[]> {
  const password = ctx.secret(config.password);
  if (!password) return [connectionStep('signedIn', false, `No WebUntis password is stored on this machine yet (secret "${config.password}").`, null, { error: 'UPSTREAM_AUTH' })];
  let session: UntisSession;
  try {
    session = await openSession({
      endpoint: untisEndpoint(config),
      school: config.school,
      user: config.username,
      password,
      signal: ctx.signal,
      timeoutMs: options.timeoutMs ?? 20_000,
      maxBytes: options.maxBytes,
    });
  } catch (error) {
    return [failedStep('signedIn', error)];
  }
  const out: ConnectionStep[] = [connectionStep('signedIn', true, `Signed in as ${config.username} at ${config.school}.`)];
  try {
    await steps(session, config, ctx, out);
  } finally {
    await session.logout();
  }
  return out;
}
