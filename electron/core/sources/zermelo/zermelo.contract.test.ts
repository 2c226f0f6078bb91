import { afterEach, describe, expect, it } from 'vitest';
import { NowNextBoard } from '@shared/contract';
import { Lesson, Room } from '@shared/domain';
import { ZermeloSourceConfig } from '@shared/settings';
import type { CacheDb } from '../../db/open';
import { createKioskBoard } from '../../services/kioskBoard';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { SourceError } from '../source';
import type { SourceContext, SyncScope } from '../source';
import { syncOnce } from '../../sync/syncOnce';
import { sampleText } from '../../sync/testing/upstreamSamples';
import { DAY, INSTANCE, KOPPELCODE, MONDAY, TOKEN, unix, ZONE, zermeloSchool } from './testing/zermeloSchool';
import { envelope, reviseAppointment, startZermeloServer, withdrawAppointment, type ZermeloServer, type ZermeloServerOptions } from './testing/zermeloServer';
import { instantAt } from '@shared/timetable/zonedTime';
import { createZermeloSource, linkZermelo } from '.';
import { validateZermelo } from './validate';
import { normaliseZermelo } from './normalise';
import { describeRealSamples } from '../../testing/realSamples';

const tempDir = useTempDirs();
const servers: ZermeloServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const at = (date: string, time: string) => instantAt(date, time, ZONE);
const secrets = { 'zermelo.token': TOKEN };

async function portal(options: ZermeloServerOptions = {}) {
  const server = await startZermeloServer(zermeloSchool(), { token: TOKEN, ...options });
  servers.push(server);
  return server;
}

const configFor = (server: ZermeloServer, extra: Record<string, unknown> = {}) =>
  ZermeloSourceConfig.parse({ type: 'zermelo', portal: 'testschool', baseUrl: server.baseUrl, ...extra });

function sync(db: CacheDb, server: ZermeloServer, o: { scope?: SyncScope; now?: number; config?: Record<string, unknown> } = {}) {
  return syncOnce({
    db, source: createZermeloSource(configFor(server, o.config)), scope: o.scope ?? 'kiosk', now: o.now ?? at(DAY, '07:00'), zone: ZONE,
    signal: new AbortController().signal, progress: () => {}, secrets,
  });
}

const board = (db: CacheDb, when: number) => {
  const result = createKioskBoard(db, () => ZONE).nowNext(when);
  NowNextBoard.parse(result); // what the kiosk IPC would send must pass the contract
  return Object.fromEntries(result.rooms.map((r) => [r.room.code, r]));
};

const lessonRow = (db: CacheDb, instance: number) => db.prepare('SELECT * FROM lessons WHERE id = ?').get(`zermelo:${instance}`) as Record<string, unknown> | undefined;

describe('linking with a koppelcode', () => {
  it('exchanges the code (spaces and all) for a token, once', async () => {
    const server = await portal({ koppelcodes: { '123456789012': TOKEN } });
    expect(await linkZermelo(server.baseUrl, KOPPELCODE)).toBe(TOKEN);
    const [request] = server.calls('oauth/token');
    expect(request!.method).toBe('POST');
    expect(new URLSearchParams(request!.body).get('code')).toBe('123456789012');

    const again = await linkZermelo(server.baseUrl, KOPPELCODE).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(SourceError);
    expect(again).toMatchObject({ code: 'UPSTREAM_AUTH' });
    expect((again as Error).message).not.toContain('123');
  });

  it('refuses what is not a code without asking the portal', async () => {
    const server = await portal();
    await expect(linkZermelo(server.baseUrl, 'hello world!')).rejects.toMatchObject({ code: 'UPSTREAM_AUTH' });
    await expect(linkZermelo('ftp://example.org', '123456789012')).rejects.toMatchObject({ code: 'UPSTREAM_INVALID' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('the Zermelo portal test server', () => {
  it('answers 401 without a token and with a wrong one', async () => {
    const server = await portal();
    expect((await fetch(`${server.baseUrl}/locationofbranches?fields=name`)).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/locationofbranches?fields=name`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${server.baseUrl}/locationofbranches?fields=name`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await ok.json()).toMatchObject({ response: { status: 200, data: expect.arrayContaining([{ name: 'A1.01' }]) } });
  });
});

describe('a full Zermelo sync into the encrypted cache', () => {
  it('shows on the kiosk: the lesson now, a cancellation marked, a moved lesson in both rooms', async () => {
    const server = await portal();
    const db = openTestCache(tempDir());
    const result = await sync(db, server);
    expect(result.kind).toBe('snapshot');

    const morning = board(db, at(DAY, '08:45'));
    expect(morning['A1.01']!.now).toMatchObject({ id: 'zermelo:10101', subjects: ['ne'], groups: ['1A'], teachers: ['BKR'], periodFrom: 1 });
    expect(morning['A1.02']!.now).toMatchObject({ id: `zermelo:${INSTANCE.tuesdayEnglishCancelled}`, change: { cancelled: true, description: null } });

    const later = board(db, at(DAY, '10:45'));
    const moved = { id: `zermelo:${INSTANCE.tuesdayBiologyMoved}`, rooms: ['B0.10'], change: { previousRooms: ['A1.02'], description: null } };
    expect(later['B0.10']!.now).toMatchObject(moved);
    expect(later['A1.02']!.now).toMatchObject(moved);
    // The substitute: no description, so the earlier version says who was replaced.
    expect(later['A1.01']!.now).toMatchObject({ teachers: ['PET'], change: { previousTeachers: ['BKR'] } });
  });

  it('keeps versions straight: time changes, extra lessons, hidden, withdrawn, double and week-long appointments', async () => {
    const server = await portal();
    const db = openTestCache(tempDir());
    await sync(db, server);
    expect(lessonRow(db, INSTANCE.thursdayScienceMovedInTime)).toMatchObject({
      start_ms: at('2026-11-26', '10:30'), prev_start_ms: at('2026-11-26', '09:20'), period_from: 3,
    });
    expect(lessonRow(db, INSTANCE.wednesdayMentorExtra)).toMatchObject({ added: 1, kind: 'activity' });
    expect(lessonRow(db, INSTANCE.fridayTestHidden)).toBeUndefined();
    expect(lessonRow(db, INSTANCE.fridayWithdrawn)).toBeUndefined();
    expect(lessonRow(db, 19_004)).toBeUndefined();
    expect(lessonRow(db, INSTANCE.fridayDoubleGym)).toMatchObject({ period_from: 1, period_to: 2 });
    // One lesson per instance, never one per version.
    const ids = db.prepare('SELECT id FROM lessons').pluck().all() as string[];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(2 * 35 - 1 + 2);
  });

  it('reads the bell schedule, the school, rooms (newest year), groups and announcements', async () => {
    const server = await portal();
    const db = openTestCache(tempDir());
    await sync(db, server);
    expect(db.prepare('SELECT number, name, start, "end" FROM periods ORDER BY number').all()).toEqual([
      { number: 1, name: 'u1', start: '08:30', end: '09:20' },
      { number: 2, name: 'u2', start: '09:20', end: '10:10' },
      { number: 3, name: 'u3', start: '10:30', end: '11:20' },
    ]);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'school_name'").pluck().get()).toBe('Testschool De Gang');
    expect(db.prepare("SELECT capacity FROM rooms WHERE code = 'A1.01'").pluck().get()).toBe(30);
    expect(db.prepare("SELECT kind FROM groups WHERE code = '4v.netl1'").pluck().get()).toBe('cluster');
    const announcement = db.prepare('SELECT title, body FROM announcements').get() as { title: string; body: string };
    expect(announcement).toEqual({ title: 'Welkom', body: '<p>Vandaag &lt;geen&gt; lessen na 16:00 &amp; morgen ook niet.</p>' });
  });

  it('in kiosk scope asks for no pupils and no names at all, and always says which fields it wants', async () => {
    const server = await portal();
    const db = openTestCache(tempDir());
    await sync(db, server, { scope: 'kiosk' });
    for (const r of server.requests) {
      expect(r.query.get('isStudent')).toBeNull();
      expect(r.query.get('fields')).toBeTruthy();
      if (r.path.endsWith('/users')) expect(r.query.get('fields')!.split(',')).not.toContain('lastName');
    }
    expect(db.prepare('SELECT count(*) FROM pupils').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM teachers WHERE last_name IS NOT NULL').pluck().get()).toBe(0);
  });

  it('in staff scope brings pupils and staff names (not archived ones)', async () => {
    const server = await portal();
    const db = openTestCache(tempDir());
    await sync(db, server, { scope: 'staff' });
    expect(db.prepare('SELECT number, first_name, prefix, last_name, photo_consent FROM pupils ORDER BY number').all()).toEqual([
      { number: '135791', first_name: 'Daan', prefix: null, last_name: 'Çelik', photo_consent: 0 },
      { number: '246810', first_name: 'Sanne', prefix: 'van den', last_name: 'Berg', photo_consent: 0 },
    ]);
    expect(db.prepare("SELECT first_name, prefix, last_name FROM teachers WHERE code = 'PET'").get()).toEqual({ first_name: 'Pieter', prefix: 'de', last_name: 'Vries' });
    expect(db.prepare("SELECT count(*) FROM teachers WHERE code = 'OLD'").pluck().get()).toBe(0);
  });

  it('only the configured branch: its rooms, and its appointments', async () => {
    const server = await portal();
    server.data.appointments.push({ ...server.data.appointments[0]!, id: 1, appointmentInstance: 1, branch: 'dep', locations: ['X9.99'] });
    const hoofd = openTestCache(tempDir());
    await sync(hoofd, server, { config: { branch: 'hoofd' } });
    expect(hoofd.prepare("SELECT count(*) FROM rooms WHERE code = 'X9.99'").pluck().get()).toBe(0);
    expect(lessonRow(hoofd, 1)).toBeUndefined();

    const everything = openTestCache(tempDir());
    await sync(everything, server);
    expect(everything.prepare("SELECT count(*) FROM rooms WHERE code = 'X9.99'").pluck().get()).toBe(1);
    expect(lessonRow(everything, 1)).toMatchObject({ rooms: 'X9.99' });
  });
});

describe('field-level rights', () => {
  it('tolerates fields the school did not grant: asks again without them and syncs what it may see', async () => {
    const server = await portal({ deniedFields: { appointments: ['teachers', 'changeDescription', 'remark'], users: ['firstName'] } });
    const db = openTestCache(tempDir());
    await sync(db, server, { scope: 'staff' });
    expect(lessonRow(db, 10_101)).toMatchObject({ teachers: '', subjects: 'ne' });
    // The room change still shows: the flag says so and the earlier version says where it was.
    expect(lessonRow(db, INSTANCE.tuesdayBiologyMoved)).toMatchObject({ rooms: 'B0.10', prev_rooms: 'A1.02', description: null });
    // Each week was in the end asked for without the fields it may not have.
    const granted = server.calls('appointments').filter((r) => !r.query.get('fields')!.split(',').includes('teachers'));
    expect(granted.map((r) => Number(r.query.get('start'))).sort()).toEqual([unix(MONDAY, '00:00'), unix('2026-11-30', '00:00')]);
    expect(db.prepare('SELECT count(*) FROM teachers WHERE first_name IS NOT NULL').pluck().get()).toBe(0);
  });

  it('without rights to rooms or groups, takes them from the appointments', async () => {
    const server = await portal({ deniedEndpoints: ['locationofbranches', 'groupindepartments', 'announcements'] });
    const db = openTestCache(tempDir());
    await sync(db, server);
    expect(db.prepare('SELECT code FROM rooms ORDER BY code').pluck().all()).toEqual(['A1.01', 'A1.02', 'B0.10', 'GYM1']);
    expect(db.prepare('SELECT code FROM groups ORDER BY code').pluck().all()).toEqual(['1A', '1B', '2A']);
  });
});

describe('incremental refresh', () => {
  async function synced(options: ZermeloServerOptions = {}) {
    const server = await portal(options);
    const db = openTestCache(tempDir());
    await sync(db, server, { now: at(DAY, '07:00') });
    server.requests.length = 0;
    return { server, db };
  }

  it('asks only for what changed since the last sync and applies it as a delta', async () => {
    const { server, db } = await synced();
    const when = unix(DAY, '07:03');
    reviseAppointment(server.data, INSTANCE.wednesdayDutch, { locations: ['B0.10'], locationChanged: true, changeDescription: 'Het lokaal is gewijzigd (was A1.01).' }, when);
    withdrawAppointment(server.data, 10_202, when);

    const result = await sync(db, server, { now: at(DAY, '07:05') });
    expect(result.kind).toBe('delta');
    expect(result.summary).toMatchObject({ lessons: 1, removedLessons: 1 });
    expect(server.calls('locationofbranches')).toHaveLength(0);
    const asked = server.calls('appointments');
    expect(asked).toHaveLength(2);
    for (const r of asked) expect(Number(r.query.get('modifiedSince'))).toBeGreaterThan(unix('2026-11-20', '14:00'));
    expect(lessonRow(db, INSTANCE.wednesdayDutch)).toMatchObject({ rooms: 'B0.10', prev_rooms: 'A1.01' });
    expect(lessonRow(db, 10_202)).toBeUndefined();
    const wednesday = board(db, at('2026-11-25', '08:45'));
    expect(wednesday['A1.01']!.now).toMatchObject({ id: `zermelo:${INSTANCE.wednesdayDutch}`, rooms: ['B0.10'] });

    // Nothing new: nothing written, nothing applied twice.
    expect((await sync(db, server, { now: at(DAY, '07:10') })).kind).toBe('unchanged');
  });

  it('falls back to comparing weeks where the portal refuses modifiedSince, and fetches only the week that changed', async () => {
    const { server, db } = await synced({ modifiedSince: 'reject' });
    reviseAppointment(server.data, 20_101, { cancelled: true }, unix(DAY, '07:03'));
    const result = await sync(db, server, { now: at(DAY, '07:05') });
    expect(result.kind).toBe('delta');
    expect(lessonRow(db, 20_101)).toMatchObject({ cancelled: 1 });
    const full = server.calls('appointments').filter((r) => r.query.get('modifiedSince') === null && r.query.get('fields')!.includes('locations'));
    expect(full).toHaveLength(1);
    expect(Number(full[0]!.query.get('start'))).toBe(unix('2026-11-30', '00:00'));

    server.requests.length = 0;
    expect((await sync(db, server, { now: at(DAY, '07:10') })).kind).toBe('unchanged');
    expect(server.calls('appointments').every((r) => r.query.get('fields') === 'id,lastModified')).toBe(true);
  });

  it('is still right when a portal ignores modifiedSince and sends everything', async () => {
    const { server, db } = await synced({ modifiedSince: 'ignore' });
    reviseAppointment(server.data, 10_301, { teachers: ['DEV'], teacherChanged: true }, unix(DAY, '07:03'));
    const result = await sync(db, server, { now: at(DAY, '07:05') });
    expect(result).toMatchObject({ kind: 'delta', summary: { lessons: 1, removedLessons: 0 } });
    expect(lessonRow(db, 10_301)).toMatchObject({ teachers: 'DEV', prev_teachers: 'BKR' });
  });

  it('syncs in full when a new week begins, the settings change, or the periodic full sync is due', async () => {
    const { server, db } = await synced();
    expect((await sync(db, server, { now: at(DAY, '14:00') })).kind).toBe('snapshot');
    expect((await sync(db, server, { now: at(DAY, '14:05'), config: { weeks: 1 } })).kind).toBe('snapshot');
    expect((await sync(db, server, { now: at('2026-11-30', '07:00'), config: { weeks: 1 } })).kind).toBe('snapshot');
  });
});

describeRealSamples('the real Zermelo samples (arthurrump/Zermelo.API, with BOM)', () => {
  const samples = ['zermelo/arthurrump_appointment-basic.json', 'zermelo/arthurrump_appointment-full.json'];

  it('come through the client, envelope and validation as the portal would send them', async () => {
    const server = await portal();
    server.faults.push({
      match: (r) => r.path.endsWith('/appointments'),
      // The sample as the data of an envelope, and the whole answer starting with a BOM, as some Windows proxies do.
      fault: { kind: 'body', body: `\ufeff${envelope([]).replace('"data":[]', `"data":[${samples.map((s) => sampleText(s).replace(/^\ufeff/, '')).join(',')}]`)}` },
    });
    const source = createZermeloSource(configFor(server, { weeks: 1 }));
    const ctx: SourceContext = { scope: 'kiosk', now: at(DAY, '07:00'), zone: ZONE, cursor: null, signal: new AbortController().signal, progress: () => {}, secret: (n) => (secrets as Record<string, string>)[n] ?? null };
    const valid = validateZermelo(await source.fetch(ctx));
    const [basic, full] = valid.appointments[0]!.data;
    expect(basic).toMatchObject({ id: 51562, appointmentInstance: 21412, subjects: ['ne'], locations: ['loc'], valid: true });
    expect(full).toMatchObject({ teachers: ['tea'], changeDescription: 'Description', remark: 'Remark', branch: 'Branch' });
    // Their times are fake (1983, months long): not a lesson for any room, and so not a reason to fail the sync.
    const payload = normaliseZermelo(valid, ctx, configFor(server));
    expect(payload.kind === 'snapshot' && payload.lessons).toEqual([]);
  });

  it('map field by field onto a lesson when their times are real', () => {
    const full = JSON.parse(sampleText(samples[1]!).replace(/^\ufeff/, '')) as Record<string, unknown>;
    const start = unix(DAY, '08:30');
    const valid = validateZermelo({
      mode: 'full',
      from: MONDAY,
      to: '2026-11-29',
      appointments: [{ monday: MONDAY, data: [{ ...full, start, end: start + 3000 }] }],
      fingerprints: {},
      cursor: null,
      modifiedSinceSupported: true,
      locations: null,
      groups: null,
      employees: null,
      pupils: null,
      announcements: null,
      schoolYears: null,
      branches: null,
      deniedFields: {},
    });
    const ctx = { scope: 'kiosk', now: at(DAY, '07:00'), zone: ZONE, cursor: null, signal: new AbortController().signal, progress: () => {}, secret: () => null } as SourceContext;
    const payload = normaliseZermelo(valid, ctx, ZermeloSourceConfig.parse({ type: 'zermelo', portal: 'testschool' }));
    if (payload.kind !== 'snapshot') throw new Error('expected a snapshot');
    const lesson = Lesson.parse(payload.lessons[0]);
    expect(lesson).toMatchObject({ id: 'zermelo:21412', subjects: ['ne'], teachers: ['tea'], groups: ['gro'], rooms: ['loc'], periodFrom: 1, remark: 'Remark', change: { description: 'Description', cancelled: false } });
    expect(payload.rooms.map((r) => Room.parse(r).code)).toEqual(['loc']);
  });
});

describe('test connection', () => {
  it('says in plain words what works', async () => {
    const server = await portal({ me: 'beheer' });
    const source = createZermeloSource(configFor(server));
    const ctx: SourceContext = { scope: 'kiosk', now: at(DAY, '07:00'), zone: ZONE, cursor: null, signal: new AbortController().signal, progress: () => {}, secret: (n) => (secrets as Record<string, string>)[n] ?? null };
    const steps = await source.test!(ctx);
    expect(steps).toEqual([
      { step: 'Signed in', ok: true, detail: 'Signed in as beheer.', code: 'signedIn', subject: null },
      { step: 'Rooms', ok: true, detail: '5 rooms', code: 'rooms', subject: null, count: 5 },
      { step: 'Groups', ok: true, detail: '4 groups', code: 'groups', subject: null, count: 4 },
      { step: 'Staff', ok: true, detail: '5 staff members', code: 'staff', subject: null, count: 5 },
      { step: 'Appointments for week 48', ok: true, detail: '36 appointments', code: 'appointments', subject: '48', count: 36 },
    ]);
  });

  it('names the failure, without the token', async () => {
    const server = await portal();
    const source = createZermeloSource(configFor(server));
    const ctx: SourceContext = { scope: 'staff', now: at(DAY, '07:00'), zone: ZONE, cursor: null, signal: new AbortController().signal, progress: () => {}, secret: () => 'wrongtoken1234' };
    const steps = await source.test!(ctx);
    expect(steps).toEqual([{ step: 'Signed in', ok: false, detail: expect.stringMatching(/did not accept the token/), code: 'signedIn', subject: null, error: 'UPSTREAM_AUTH' }]);
    expect(JSON.stringify(steps)).not.toContain('wrongtoken1234');
    const none = await source.test!({ ...ctx, secret: () => null });
    expect(none[0]).toMatchObject({ ok: false, detail: expect.stringMatching(/koppelcode/) });
  });
});
