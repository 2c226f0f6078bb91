import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { webUntisSample } from '../../../sync/testing/upstreamSamples';
import type { WebUntisData } from './webuntisServer';

/*
 * The same small school as zermeloSchool.ts, as a WebUntis server holds it: master data by id, a time grid, and
 * the weeks of 23 and 30 November 2026 as timetable entries, with a cancellation (code cancelled), a room change
 * and a substitute (orgid), an extra lesson (irregular), an office hour and a break supervision, plus the
 * substitution texts an account with the right sees.
 */

export const ZONE = 'Europe/Amsterdam';
export const MONDAY = '2026-11-23';
export const DAY = '2026-11-24';
export const USER = 'gangbord';
export const PASSWORD = 'Geheim-wachtwoord-42';
export const SCHOOL = 'de-gang';

const ROOM = { 'A1.01': 1, 'A1.02': 2, 'B0.10': 3, GYM1: 4 } as const;
const KLASSE = { '1A': 10, '1B': 11, '2A': 12 } as const;
const TEACHER = { BKR: 20, JNS: 21, PET: 22, DEV: 23 } as const;
const SUBJECT = { ne: 30, en: 31, wi: 32, na: 33, bi: 34 } as const;
const TIMES = [[830, 920], [920, 1010], [1030, 1120]] as const;

/** The ids tests refer to. */
export const PERIOD = {
  tuesdayEnglishCancelled: 100_102,
  tuesdayBiologyMoved: 100_107,
  tuesdayDutchSubstitute: 100_106,
  wednesdayExtra: 109_001,
  fridayOfficeHour: 109_002,
  tuesdayBreakDuty: 109_003,
} as const;

const untisDate = (date: string) => Number(date.replaceAll('-', ''));

function regular(): { day: number; slot: 0 | 1 | 2; su: keyof typeof SUBJECT; kl: keyof typeof KLASSE; te: keyof typeof TEACHER; ro: keyof typeof ROOM }[] {
  const out: ReturnType<typeof regular> = [];
  for (let day = 0; day < 5; day++) {
    out.push(
      { day, slot: 0, su: 'ne', kl: '1A', te: 'BKR', ro: 'A1.01' },
      { day, slot: 0, su: 'en', kl: '1B', te: 'JNS', ro: 'A1.02' },
      { day, slot: 1, su: 'wi', kl: '1A', te: 'JNS', ro: 'A1.01' },
      { day, slot: 1, su: 'en', kl: '1B', te: 'JNS', ro: 'A1.02' },
      { day, slot: 1, su: 'na', kl: '2A', te: 'DEV', ro: 'B0.10' },
      { day, slot: 2, su: 'ne', kl: '1A', te: 'BKR', ro: 'A1.01' },
      { day, slot: 2, su: 'bi', kl: '1B', te: 'PET', ro: 'A1.02' },
    );
  }
  return out;
}

function periods(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [w, monday] of [MONDAY, addDays(MONDAY, 7)].entries()) {
    regular().forEach((p, i) => {
      const id = 100_000 * (w + 1) + Math.floor(i / 7) * 100 + (i % 7) + 1;
      const entry: Record<string, unknown> = {
        id, date: untisDate(addDays(monday, p.day)), startTime: TIMES[p.slot][0], endTime: TIMES[p.slot][1],
        kl: [{ id: KLASSE[p.kl] }], te: [{ id: TEACHER[p.te] }], su: [{ id: SUBJECT[p.su] }], ro: [{ id: ROOM[p.ro] }], lsnumber: 1000 + i,
      };
      if (id === PERIOD.tuesdayEnglishCancelled) entry.code = 'cancelled';
      if (id === PERIOD.tuesdayBiologyMoved) Object.assign(entry, { code: 'irregular', ro: [{ id: ROOM['B0.10'], orgid: ROOM['A1.02'] }] });
      if (id === PERIOD.tuesdayDutchSubstitute) Object.assign(entry, { code: 'irregular', te: [{ id: TEACHER.PET, orgid: TEACHER.BKR }], substText: 'Vervanging' });
      out.push(entry);
    });
  }
  out.push(
    { id: PERIOD.wednesdayExtra, date: untisDate('2026-11-25'), startTime: 1030, endTime: 1120, kl: [{ id: KLASSE['2A'] }], te: [{ id: TEACHER.DEV }], su: [{ id: SUBJECT.na }], ro: [{ id: ROOM['B0.10'] }], code: 'irregular' },
    { id: PERIOD.fridayOfficeHour, date: untisDate('2026-11-27'), startTime: 1030, endTime: 1120, kl: [], te: [{ id: TEACHER.JNS }], su: [], ro: [{ id: ROOM.GYM1 }], lstype: 'oh' },
    { id: PERIOD.tuesdayBreakDuty, date: untisDate(DAY), startTime: 1010, endTime: 1030, kl: [], te: [{ id: TEACHER.DEV }], su: [], ro: [{ id: ROOM.GYM1 }], lstype: 'bs' },
  );
  return out;
}

const named = (ids: Record<string, number>, longName: (code: string) => string) =>
  Object.entries(ids).map(([name, id]) => ({ id, name, longName: longName(name), active: true }));

export function webuntisSchool(): WebUntisData {
  return {
    rooms: [...named(ROOM, (c) => `Lokaal ${c}`).map((r) => ({ ...r, building: r.name.slice(0, 1) })), { id: 9, name: 'OUD', longName: 'Gesloopt', active: false }],
    klassen: named(KLASSE, (c) => `Klas ${c}`),
    teachers: [
      { id: TEACHER.BKR, name: 'BKR', foreName: 'Bram', longName: 'Bakker', active: true },
      { id: TEACHER.JNS, name: 'JNS', foreName: 'Joke', longName: 'Jansen', active: true },
      { id: TEACHER.PET, name: 'PET', foreName: 'Pieter', longName: 'de Vries', active: true },
      { id: TEACHER.DEV, name: 'DEV', foreName: 'Dewi', longName: 'Visser', active: true },
    ],
    subjects: named(SUBJECT, (c) => ({ ne: 'Nederlands', en: 'Engels', wi: 'wiskunde', na: 'natuurkunde', bi: 'biologie' } as Record<string, string>)[c]!),
    students: [
      { id: 501, key: '246810', name: 'sanne.berg', foreName: 'Sanne', longName: 'van den Berg', gender: 'female' },
      { id: 502, key: 135791, name: 'daan.celik', foreName: 'Daan', longName: 'Çelik', gender: 'male' },
    ],
    holidays: [{ id: 1, name: 'Kerst', longName: 'Kerstvakantie', startDate: 20261219, endDate: 20270103 }],
    timegrid: [2, 3, 4, 5, 6].map((day) => ({ day, timeUnits: TIMES.map(([startTime, endTime], i) => ({ name: `${i + 1}`, startTime, endTime })) })),
    periods: periods(),
    substitutions: [
      { type: 'rmchg', lsid: 1006, date: untisDate(DAY), startTime: 1030, endTime: 1120, kl: [{ id: KLASSE['1B'] }], te: [{ id: TEACHER.PET }], su: [{ id: SUBJECT.bi }], ro: [{ id: ROOM['B0.10'], orgid: ROOM['A1.02'] }], txt: 'Lokaalwijziging wegens onderhoud' },
      { type: 'cancel', lsid: 1001, date: untisDate(DAY), startTime: 830, endTime: 920, kl: [{ id: KLASSE['1B'] }], te: [{ id: TEACHER.JNS }], su: [{ id: SUBJECT.en }], ro: [{ id: ROOM['A1.02'] }], txt: 'Docent ziek' },
    ],
    importTime: instantAt('2026-11-20', '15:00', ZONE),
  };
}

/**
 * The python-webuntis test school (Austrian, January 2013) served from the real samples in
 * ../shared/fixtures/upstream/webuntis, the timegrid converted from its Python-literal form.
 */
export function webuntisSampleSchool(): WebUntisData {
  return {
    rooms: webUntisSample('getrooms') as Record<string, unknown>[],
    klassen: webUntisSample('getklassen') as Record<string, unknown>[],
    teachers: webUntisSample('getteachers') as Record<string, unknown>[],
    subjects: webUntisSample('getsubjects') as Record<string, unknown>[],
    students: [],
    holidays: webUntisSample('getholidays') as Record<string, unknown>[],
    timegrid: webUntisSample('gettimegrid') as unknown[],
    periods: webUntisSample('gettimetables') as Record<string, unknown>[],
    substitutions: [],
    importTime: Date.UTC(2013, 0, 4, 12),
  };
}
