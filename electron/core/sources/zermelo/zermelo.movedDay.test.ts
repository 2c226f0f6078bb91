import { afterEach, describe, expect, it } from 'vitest';
import { ZermeloSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { syncOnce } from '../../sync/syncOnce';
import { expectShownOnBothDays } from '../../sync/testing/movedToAnotherDay';
import { DAY, INSTANCE, TOKEN, unix, ZONE, zermeloSchool } from './testing/zermeloSchool';
import { reviseAppointment, startZermeloServer, type ZermeloServer } from './testing/zermeloServer';
import { createZermeloSource } from '.';

// Wednesday's first-hour Dutch for 1A in A1.01 moves to Thursday, third hour, B0.10: Zermelo supersedes the
// appointment with a new version at the new time (same appointmentInstance).
const tempDir = useTempDirs();
const servers: ZermeloServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const at = (date: string, time: string) => instantAt(date, time, ZONE);

const MOVE = { start: unix('2026-11-26', '10:30'), end: unix('2026-11-26', '11:20'), startTimeSlot: 3, endTimeSlot: 3, startTimeSlotName: 'u3', endTimeSlotName: 'u3', locations: ['B0.10'], moved: true, timeChanged: true, locationChanged: true };
const SHOWN = { zone: ZONE, group: '1A', left: { at: at('2026-11-25', '08:45'), room: 'A1.01' }, arrived: { at: at('2026-11-26', '10:45'), start: at('2026-11-26', '10:30'), room: 'B0.10', periodFrom: 3 } };

async function portal() {
  const server = await startZermeloServer(zermeloSchool(), { token: TOKEN });
  servers.push(server);
  return server;
}

const sync = (db: ReturnType<typeof openTestCache>, server: ZermeloServer, now: number) => syncOnce({
  db, source: createZermeloSource(ZermeloSourceConfig.parse({ type: 'zermelo', portal: 'testschool', baseUrl: server.baseUrl })), scope: 'kiosk', now, zone: ZONE,
  signal: new AbortController().signal, progress: () => {}, secrets: { 'zermelo.token': TOKEN },
});

describe('Zermelo: a lesson moved to another day', () => {
  it('shows on both days after a full sync: the old slot says where it went, the new one where it came from', async () => {
    const server = await portal();
    reviseAppointment(server.data, INSTANCE.wednesdayDutch, MOVE, unix(DAY, '06:00'));
    const db = openTestCache(tempDir());
    await sync(db, server, at(DAY, '07:00'));
    expectShownOnBothDays(db, SHOWN);
  });

  it('shows on both days after an incremental sync', async () => {
    const server = await portal();
    const db = openTestCache(tempDir());
    await sync(db, server, at(DAY, '07:00'));
    reviseAppointment(server.data, INSTANCE.wednesdayDutch, MOVE, unix(DAY, '07:03'));
    await sync(db, server, at(DAY, '07:05'));
    expectShownOnBothDays(db, SHOWN);
  });

  it('keeps no old slot once the lesson is back where it was', async () => {
    const server = await portal();
    reviseAppointment(server.data, INSTANCE.wednesdayDutch, MOVE, unix(DAY, '06:00'));
    const back = { start: unix('2026-11-25', '08:30'), end: unix('2026-11-25', '09:20'), startTimeSlot: 1, endTimeSlot: 1, startTimeSlotName: 'u1', endTimeSlotName: 'u1', locations: ['A1.01'] };
    reviseAppointment(server.data, INSTANCE.wednesdayDutch, back, unix(DAY, '06:30'));
    const db = openTestCache(tempDir());
    await sync(db, server, at(DAY, '07:00'));
    const ids = db.prepare('SELECT id FROM lessons WHERE id LIKE ?').pluck().all(`zermelo:${INSTANCE.wednesdayDutch}%`);
    expect(ids).toEqual([`zermelo:${INSTANCE.wednesdayDutch}`]);
  });
});
