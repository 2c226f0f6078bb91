import { afterEach, describe, expect, it } from 'vitest';
import { WebUntisSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { openTestCache } from '../../testing/openTestCache';
import { useTempDirs } from '../../testing/tempDir';
import { syncOnce } from '../../sync/syncOnce';
import { expectShownOnBothDays } from '../../sync/testing/movedToAnotherDay';
import { DAY, PASSWORD, SCHOOL, USER, webuntisSchool, ZONE } from './testing/webuntisSchool';
import { startWebUntisServer, type WebUntisServer } from './testing/webuntisServer';
import { createWebUntisSource } from '.';

// Wednesday's first-hour Dutch for 1A (A1.01) is shifted to Thursday, third hour, B0.10: WebUntis shows the old
// entry cancelled and a new irregular one, and the `shift` substitution names both slots.
const tempDir = useTempDirs();
const servers: WebUntisServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const at = (date: string, time: string) => instantAt(date, time, ZONE);
const WEDNESDAY_DUTCH = 100_201;

function shiftedSchool() {
  const data = webuntisSchool();
  const old = data.periods.find((p) => p.id === WEDNESDAY_DUTCH)!;
  old.code = 'cancelled';
  data.periods.push({ ...old, id: 109_010, date: 20261126, startTime: 1030, endTime: 1120, ro: [{ id: 3 }], code: 'irregular' });
  data.substitutions.push({
    type: 'shift', lsid: old.lsnumber, date: 20261126, startTime: 1030, endTime: 1120,
    kl: old.kl, te: old.te, su: old.su, ro: [{ id: 3 }], reschedule: { date: 20261125, startTime: 830, endTime: 920 },
  });
  return data;
}

describe('WebUntis: a lesson shifted to another day', () => {
  it('shows on both days: the old slot says where it went, the new one where it came from', async () => {
    const server = await startWebUntisServer(shiftedSchool(), { school: SCHOOL, user: USER, password: PASSWORD });
    servers.push(server);
    const db = openTestCache(tempDir());
    const config = WebUntisSourceConfig.parse({ type: 'webuntis', server: 'de-gang.webuntis.com', school: SCHOOL, username: USER, baseUrl: server.baseUrl });
    const result = await syncOnce({
      db, source: createWebUntisSource(config), scope: 'kiosk', now: at(DAY, '07:00'), zone: ZONE,
      signal: new AbortController().signal, progress: () => {}, secrets: { 'webuntis.password': PASSWORD },
    });
    expect(result.kind).toBe('snapshot');
    expectShownOnBothDays(db, {
      zone: ZONE, group: '1A',
      left: { at: at('2026-11-25', '08:45'), room: 'A1.01' },
      arrived: { at: at('2026-11-26', '10:45'), start: at('2026-11-26', '10:30'), room: 'B0.10', periodFrom: 3 },
    });
  });
});
