import { afterEach, describe, expect, it } from 'vitest';
import { NowNextBoard } from '@shared/contract';
import { WebUntisSourceConfig } from '@shared/settings';
import { addDays, instantAt } from '@shared/timetable/zonedTime';
import type { CacheDb } from '../../db/open';
import { createKioskBoard } from '../../services/kioskBoard';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import type { SourceContext, SyncScope } from '../source';
import { syncOnce } from '../../sync/syncOnce';
import { DAY, PASSWORD, PERIOD, SCHOOL, USER, webuntisSampleSchool, webuntisSchool, ZONE } from './testing/webuntisSchool';
import { startWebUntisServer, type WebUntisData, type WebUntisServer, type WebUntisServerOptions } from './testing/webuntisServer';
import { createWebUntisSource } from '.';
import { describeRealSamples } from '../../testing/realSamples';

const tempDir = useTempDirs();
const servers: WebUntisServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const at = (date: string, time: string, zone = ZONE) => instantAt(date, time, zone);
const secrets = { 'webuntis.password': PASSWORD };

async function untis(options: WebUntisServerOptions = {}, data: WebUntisData = webuntisSchool()) {
  const server = await startWebUntisServer(data, { school: SCHOOL, user: USER, password: PASSWORD, ...options });
  servers.push(server);
  return server;
}

const configFor = (server: WebUntisServer, extra: Record<string, unknown> = {}) =>
  WebUntisSourceConfig.parse({ type: 'webuntis', server: 'de-gang.webuntis.com', school: SCHOOL, username: USER, baseUrl: server.baseUrl, ...extra });

function sync(db: CacheDb, server: WebUntisServer, o: { scope?: SyncScope; now?: number; zone?: string; config?: Record<string, unknown> } = {}) {
  return syncOnce({
    db, source: createWebUntisSource(configFor(server, o.config)), scope: o.scope ?? 'kiosk', now: o.now ?? at(DAY, '07:00'), zone: o.zone ?? ZONE,
    signal: new AbortController().signal, progress: () => {}, secrets,
  });
}

const board = (db: CacheDb, when: number, zone = ZONE) => {
  const result = createKioskBoard(db, () => zone).nowNext(when);
  NowNextBoard.parse(result);
  return Object.fromEntries(result.rooms.map((r) => [r.room.code, r]));
};

const lessonRow = (db: CacheDb, id: number) => db.prepare('SELECT * FROM lessons WHERE id = ?').get(`webuntis:${id}`) as Record<string, unknown> | undefined;

describe('a WebUntis sync into the encrypted cache', () => {
  it('shows on the kiosk: the lesson now, a cancellation marked, a moved lesson in both rooms, a substitute', async () => {
    const server = await untis();
    const db = openTestCache(tempDir());
    expect((await sync(db, server)).kind).toBe('snapshot');

    const morning = board(db, at(DAY, '08:45'));
    expect(morning['A1.01']!.now).toMatchObject({ id: 'webuntis:100101', subjects: ['ne'], groups: ['1A'], teachers: ['BKR'], periodFrom: 1 });
    expect(morning['A1.02']!.now).toMatchObject({ id: `webuntis:${PERIOD.tuesdayEnglishCancelled}`, change: { cancelled: true, description: null } });

    const later = board(db, at(DAY, '10:45'));
    const moved = { id: `webuntis:${PERIOD.tuesdayBiologyMoved}`, rooms: ['B0.10'], change: { previousRooms: ['A1.02'], description: null } };
    expect(later['B0.10']!.now).toMatchObject(moved);
    expect(later['A1.02']!.now).toMatchObject(moved);
    expect(later['A1.01']!.now).toMatchObject({ teachers: ['PET'], change: { previousTeachers: ['BKR'], description: null, added: false } });
  });

  it('reads extra lessons, office hours, duties, the time grid, holidays and master data', async () => {
    const server = await untis();
    const db = openTestCache(tempDir());
    await sync(db, server);
    expect(lessonRow(db, PERIOD.wednesdayExtra)).toMatchObject({ added: 1 });
    expect(lessonRow(db, PERIOD.fridayOfficeHour)).toMatchObject({ kind: 'other' });
    expect(lessonRow(db, PERIOD.tuesdayBreakDuty)).toBeUndefined();
    expect(db.prepare('SELECT number, name, start, "end" FROM periods ORDER BY number').all()).toEqual([
      { number: 1, name: '1', start: '08:30', end: '09:20' },
      { number: 2, name: '2', start: '09:20', end: '10:10' },
      { number: 3, name: '3', start: '10:30', end: '11:20' },
    ]);
    expect(db.prepare('SELECT name, "from", "to" FROM holidays').all()).toEqual([{ name: 'Kerstvakantie', from: '2026-12-19', to: '2027-01-03' }]);
    expect(db.prepare('SELECT code FROM rooms ORDER BY code').pluck().all()).toEqual(['A1.01', 'A1.02', 'B0.10', 'GYM1']);
    expect(db.prepare("SELECT name FROM subjects WHERE code = 'bi'").pluck().get()).toBe('biologie');
    expect(db.prepare('SELECT count(*) FROM lessons').pluck().get()).toBe(70 + 2);
  });

  it('signs in once, asks for every room and class timetable, and signs out', async () => {
    const server = await untis();
    const db = openTestCache(tempDir());
    await sync(db, server);
    const methods = server.calls().map((c) => c.method);
    expect(methods[0]).toBe('authenticate');
    expect(methods.at(-1)).toBe('logout');
    expect(methods.filter((m) => m === 'authenticate')).toHaveLength(1);
    const elements = server.calls('getTimetable').map((c) => {
      const o = (c.params as { options: { element: { type: number; id: number } } }).options.element;
      return `${o.type}/${o.id}`;
    });
    expect(elements.sort()).toEqual(['1/10', '1/11', '1/12', '4/1', '4/2', '4/3', '4/4']);
    expect(server.calls().every((c) => c.method === 'authenticate' || c.session !== null)).toBe(true);
    expect(server.openSessions()).toBe(0);
  });

  it('in kiosk scope never asks for pupils and keeps no names; staff scope brings both', async () => {
    const server = await untis();
    const kiosk = openTestCache(tempDir());
    await sync(kiosk, server, { scope: 'kiosk' });
    expect(server.calls('getStudents')).toHaveLength(0);
    for (const c of server.calls('getTimetable')) expect(JSON.stringify(c.params)).not.toMatch(/student/i);
    expect(kiosk.prepare('SELECT count(*) FROM teachers WHERE last_name IS NOT NULL').pluck().get()).toBe(0);

    const staff = openTestCache(tempDir());
    await sync(staff, server, { scope: 'staff' });
    expect(staff.prepare('SELECT number, first_name, prefix, last_name FROM pupils ORDER BY number').all()).toEqual([
      { number: '135791', first_name: 'Daan', prefix: null, last_name: 'Çelik' },
      { number: '246810', first_name: 'Sanne', prefix: 'van den', last_name: 'Berg' },
    ]);
    expect(staff.prepare("SELECT first_name, prefix, last_name FROM teachers WHERE code = 'PET'").get()).toEqual({ first_name: 'Pieter', prefix: 'de', last_name: 'Vries' });
  });

  it('asks getLatestImportTime first: nothing uploaded since, only today and the next school day fetched (the rest on a new import or hourly)', async () => {
    const server = await untis();
    const db = openTestCache(tempDir());
    await sync(db, server, { now: at(DAY, '07:00') });
    const before = server.calls().length;
    // A substitute entered in WebUntis itself for tomorrow: no new import, so getLatestImportTime does not move.
    const tomorrow = Number(addDays(DAY, 1).replaceAll('-', ''));
    const target = server.data.periods.find((p) => p.date === tomorrow && p.code === undefined && Array.isArray(p.te))!;
    const was = (target.te as { id: number }[])[0]!.id;
    target.te = [{ id: 23, orgid: was }];
    // And a change next week, which the small fetch leaves for the full one.
    const later = server.data.periods.find((p) => (p.date as number) >= Number(addDays(DAY, 7).replaceAll('-', '')) && p.code === undefined)!;
    later.code = 'cancelled';

    expect((await sync(db, server, { now: at(DAY, '07:05') })).kind).toBe('delta');
    const calls = server.calls().slice(before);
    expect(calls.map((c) => c.method)).not.toContain('getHolidays');
    const ranges = new Set(calls.filter((c) => c.method === 'getTimetable').map((c) => {
      const o = (c.params as { options: { startDate: number; endDate: number } }).options;
      return `${o.startDate}-${o.endDate}`;
    }));
    expect([...ranges]).toEqual([`${DAY.replaceAll('-', '')}-${tomorrow}`]);
    expect(lessonRow(db, target.id as number)).toMatchObject({ teachers: 'DEV', prev_teachers: expect.stringMatching(/\w/) });
    expect(lessonRow(db, later.id as number)).toMatchObject({ cancelled: 0 });
    // Nothing of the rest of the window was lost by the small fetch.
    expect(lessonRow(db, PERIOD.fridayOfficeHour)).toBeDefined();

    // The hourly full fetch brings next week's change too.
    expect((await sync(db, server, { now: at(DAY, '08:15') })).kind).toBe('snapshot');
    expect(lessonRow(db, later.id as number)).toMatchObject({ cancelled: 1 });
    // A new import: full at once.
    server.data.importTime += 60_000;
    expect((await sync(db, server, { now: at(DAY, '08:20') })).kind).toBe('snapshot');
  });

  it('tolerates an account without the right to substitutions or teachers', async () => {
    const server = await untis({ noRight: ['getSubstitutions', 'getTeachers', 'getStudents'] });
    const db = openTestCache(tempDir());
    await sync(db, server, { scope: 'staff' });
    expect(lessonRow(db, PERIOD.tuesdayEnglishCancelled)).toMatchObject({ cancelled: 1, description: null });
    // Teacher codes still come inline with the timetable.
    expect(lessonRow(db, 100_101)).toMatchObject({ teachers: 'BKR' });
    expect(db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(0);
  });

  it('signs in again once when the session expired on the way', async () => {
    const server = await untis({ expireSessions: 1 });
    const db = openTestCache(tempDir());
    expect((await sync(db, server)).kind).toBe('snapshot');
    expect(server.calls('authenticate')).toHaveLength(2);
    expect(server.openSessions()).toBe(0);
  });

  it('near the end of the school year uses only the weeks the server gives (−7004 beyond)', async () => {
    const server = await untis({ allowedDates: { from: 20260801, to: 20261129 } });
    const db = openTestCache(tempDir());
    const result = await sync(db, server);
    expect(result.kind).toBe('snapshot');
    expect(db.prepare('SELECT max(day) FROM lessons').pluck().get()).toBe('2026-11-27');
  });

  it('reads dates and times sent as strings', async () => {
    const server = await untis({ stringDates: true });
    const db = openTestCache(tempDir());
    await sync(db, server);
    expect(lessonRow(db, 100_101)).toMatchObject({ start_ms: at(DAY, '08:30'), end_ms: at(DAY, '09:20'), day: DAY });
  });
});

describeRealSamples('the real python-webuntis samples, served by the test server', () => {
  const VIENNA = 'Europe/Vienna';

  it('sync end to end: rooms, names, a cancelled lesson, an office hour, and no break duty', async () => {
    const server = await untis({}, webuntisSampleSchool());
    const db = openTestCache(tempDir());
    const result = await sync(db, server, { now: at('2013-01-08', '07:00', VIENNA), zone: VIENNA });
    expect(result.kind).toBe('snapshot');

    const noon = board(db, at('2013-01-08', '12:00', VIENNA), VIENNA);
    expect(noon.AK1!.room).toMatchObject({ code: 'AK1', name: 'AUSWEICHKL.1.ST' });
    expect(noon.AK1!.now).toMatchObject({ id: 'webuntis:444540', subjects: ['E'], teachers: ['Aqu'], groups: ['1A', '1B'], periodFrom: 5 });
    const thursday = board(db, at('2013-01-10', '09:00', VIENNA), VIENNA);
    expect(thursday.AK1!.now).toMatchObject({ id: 'webuntis:444542', change: { cancelled: true } });
    expect(lessonRow(db, 444543)).toMatchObject({ kind: 'other' });
    expect(lessonRow(db, 444544)).toMatchObject({ added: 1 });
    expect(lessonRow(db, 444546)).toBeUndefined();
    // The converted Python-literal time grid: twelve hours, numbered.
    expect(db.prepare('SELECT count(*) FROM periods').pluck().get()).toBe(12);
    expect(db.prepare('SELECT name FROM holidays ORDER BY "from" LIMIT 1').pluck().get()).toBe('Nationalfeiertag');
  });
});

describe('test connection', () => {
  const ctxFor = (scope: SyncScope, secret: string | null): SourceContext => ({
    scope, now: at(DAY, '07:00'), zone: ZONE, cursor: null, signal: new AbortController().signal, progress: () => {}, secret: () => secret,
  });

  it('says in plain words what works, and signs out', async () => {
    const server = await untis({ noRight: ['getSubstitutions'] });
    const steps = await createWebUntisSource(configFor(server)).test!(ctxFor('kiosk', PASSWORD));
    expect(steps).toEqual([
      { step: 'Signed in', ok: true, detail: `Signed in as ${USER} at ${SCHOOL}.`, code: 'signedIn', subject: null },
      { step: 'Last upload from Untis', ok: true, detail: '2026-11-20 14:00 UTC', code: 'lastUpload', subject: null },
      { step: 'Rooms', ok: true, detail: '5 rooms', code: 'rooms', subject: null, count: 5 },
      { step: 'Classes', ok: true, detail: '3 classes', code: 'classes', subject: null, count: 3 },
      { step: 'Teachers', ok: true, detail: '4 teachers', code: 'teachers', subject: null, count: 4 },
      { step: 'Timetable for week 48', ok: true, detail: '15 lessons for class 1A', code: 'timetableForWeek', subject: '48', count: 15 },
      { step: 'Substitutions', ok: true, detail: expect.stringMatching(/^Not allowed/), code: 'substitutions', subject: null },
    ]);
    expect(server.openSessions()).toBe(0);
  });

  it('a wrong password in words, and no password in them', async () => {
    const server = await untis();
    const steps = await createWebUntisSource(configFor(server)).test!(ctxFor('staff', 'Wrong-password-99'));
    expect(steps).toEqual([{ step: 'Signed in', ok: false, detail: `WebUntis did not accept the user name or password for school "${SCHOOL}".`, code: 'signedIn', subject: null, error: 'UPSTREAM_AUTH' }]);
    expect(JSON.stringify(steps)).not.toContain('Wrong-password-99');
  });
});
