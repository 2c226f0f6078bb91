import { describe, expect, it } from 'vitest';
import { Lesson } from '@shared/domain';
import { IcalSourceConfig } from '@shared/settings';
import { instantAt } from '@shared/timetable/zonedTime';
import { SourceError } from '../source';
import type { Snapshot } from '../source';
import { RuleSet } from '../common/fieldRules';
import { createIcalSource, type IcalConfig } from './icalSource';
import { sourceContext } from '../testing/connectorChecks';
import { ownFixture, readText, upstreamSample } from './testing/feedServer';
import { describeRealSamples } from '../../testing/realSamples';

const ZONE = 'Europe/Amsterdam';
const at = (date: string, time: string) => instantAt(date, time, ZONE);
const utc = (iso: string) => Date.parse(iso);

const rules = { teacher: { from: 'description', pattern: 'Docent: (\\w+)' }, group: { from: 'description', pattern: 'Klas: (.*)' } } as const;
const schoolConfig = IcalSourceConfig.parse({
  type: 'ical',
  weeks: 2,
  // The school marks its days off with a category (the administrator says which; docs/upstream-formats.md).
  daysOffCategory: 'Vrije dag',
  feeds: [
    { name: 'Hoofdgebouw', url: 'http://127.0.0.1/hoofdgebouw.ics', ...rules },
    { name: 'Sporthal', url: 'http://127.0.0.1/sporthal.ics', ...rules },
  ],
});

/** validate + normalise, as syncOnce runs them after a fetch. */
function normalise(config: IcalConfig, texts: string[], now: number): Snapshot {
  const source = createIcalSource(config);
  const ctx = sourceContext(now);
  const raw = { feeds: texts.map((text, i) => ({ name: config.feeds[i]!.name, text, bytes: text.length, etag: null, lastModified: null })), cursor: '' };
  const payload = source.normalise(source.validate(raw, ctx), ctx);
  if (payload.kind !== 'snapshot') throw new Error('expected a snapshot');
  return payload;
}

function oneFeed(body: string, extra: Record<string, unknown> = {}): { config: IcalConfig; text: string } {
  const config = IcalSourceConfig.parse({ type: 'ical', weeks: 2, feeds: [{ name: 'Test', url: 'http://127.0.0.1/t.ics', ...extra }] });
  return { config, text: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${body.trim().replace(/\r?\n/g, '\r\n')}\r\nEND:VCALENDAR\r\n` };
}

const event = (lines: string) => `BEGIN:VEVENT\n${lines.trim()}\nEND:VEVENT`;

describe('iCalendar feeds: the school fixture (DST, overrides, cancellations, two feeds)', () => {
  const now = at('2024-03-26', '08:45');
  const snapshot = normalise(schoolConfig, [readText(ownFixture('school-hoofdgebouw.ics')), readText(ownFixture('school-sporthal.ics'))], now);
  const byId = new Map(snapshot.lessons.map((l) => [l.id, l]));
  const lesson = (uid: string, startIso: string) => {
    const found = byId.get(`${uid}|${startIso.replace(/[-:]/g, '').slice(0, 13)}Z`);
    if (!found) throw new Error(`no lesson ${uid} at ${startIso}; have ${[...byId.keys()].join(', ')}`);
    return found;
  };

  it('covers the current week and the next, Monday to Sunday', () => {
    expect(snapshot.window).toEqual({ from: '2024-03-25', to: '2024-04-07' });
    expect(snapshot.lessons).toHaveLength(12);
    for (const l of snapshot.lessons) expect(Lesson.parse(l)).toEqual(l);
  });

  it('reads TZID times on both sides of the spring switch (31 March)', () => {
    expect(lesson('wi-3b-ma-di@school.example', '2024-03-25T07:30').start).toBe(utc('2024-03-25T07:30:00Z'));
    const after = lesson('ne-3b-di@school.example', '2024-04-02T07:20');
    expect([after.start, after.end]).toEqual([utc('2024-04-02T07:20:00Z'), utc('2024-04-02T08:10:00Z')]);
    // Without a VTIMEZONE in the file (Sporthal), through Intl: 13:30 CET, then 13:30 CEST.
    expect(lesson('lo-3b-wo@school.example', '2024-03-27T12:30').start).toBe(utc('2024-03-27T12:30:00Z'));
    expect(lesson('lo-3b-wo@school.example', '2024-04-03T11:30').start).toBe(utc('2024-04-03T11:30:00Z'));
  });

  it('expands RRULE with EXDATE and RDATE, and stops at COUNT and UNTIL', () => {
    const wi = snapshot.lessons.filter((l) => l.id.startsWith('wi-3b'));
    expect(wi.map((l) => l.day)).toEqual(['2024-03-25', '2024-03-26', '2024-04-02']); // 1 April excluded (EXDATE)
    expect(lesson('lo-3b-wo@school.example', '2024-04-05T06:00').subjects).toEqual(['lo']); // RDATE
  });

  it('puts a RECURRENCE-ID override in place of its occurrence: a room change shows the old room', () => {
    const moved = lesson('wi-3b-ma-di@school.example', '2024-03-26T07:30');
    expect(moved.rooms).toEqual(['B0.10']);
    expect(moved.change).toMatchObject({ cancelled: false, previousRooms: ['B2.10'], previousStart: null, description: 'Het lokaal is gewijzigd (was B2.10).' });
  });

  it('keeps the planned start as identity when an override moves the lesson in time (RECURRENCE-ID in UTC)', () => {
    const later = lesson('wi-3b-ma-di@school.example', '2024-04-02T06:30');
    expect(later.start).toBe(utc('2024-04-02T08:25:00Z'));
    expect(later.change.previousStart).toBe(utc('2024-04-02T06:30:00Z'));
    expect(later.teachers).toEqual(['PET']);
    expect(later.change.previousTeachers).toEqual(['JNS']);
    expect(later.change.description).toBe('Verplaatst (was di 02-04 08:30). De docent is vervangen (was JNS).');
  });

  it('marks STATUS:CANCELLED (event and override) and a "Vervallen:" title as cancelled', () => {
    expect(lesson('ne-3b-di@school.example', '2024-03-26T08:20').change.cancelled).toBe(true);
    expect(lesson('en-4a-20240327@school.example', '2024-03-27T07:30').change.cancelled).toBe(true);
    const na = lesson('pr-4a-20240328@school.example', '2024-03-28T09:30');
    expect(na).toMatchObject({ subjects: ['na'], change: { cancelled: true } });
    expect(lesson('ne-3b-di@school.example', '2024-04-02T07:20').change.cancelled).toBe(false);
  });

  it('takes room, subject, teacher and group where the rules say; escaped commas list several rooms', () => {
    const na = lesson('pr-4a-20240328@school.example', '2024-03-28T09:30');
    expect(na).toMatchObject({ rooms: ['B0.10', 'B0.11'], teachers: ['VRS'], groups: ['4A'] });
  });

  it('keeps a lesson that two feeds send once, pooling what each feed says', () => {
    const bi = snapshot.lessons.filter((l) => l.id.startsWith('bi-4a'));
    expect(bi).toHaveLength(1);
    expect(bi[0]).toMatchObject({ rooms: ['B0.10', 'B0.11'], groups: ['4A', '4B'] });
  });

  it('reads floating times in the school zone', () => {
    expect(lesson('mentor-3b-20240404@school.example', '2024-04-04T12:00').start).toBe(utc('2024-04-04T12:00:00Z'));
  });

  it('turns an all-day day off into a holiday (DTEND exclusive) and leaves other all-day events out', () => {
    expect(snapshot.holidays).toEqual([{ name: 'Tweede Paasdag', from: '2024-04-01', to: '2024-04-01' }]);
  });

  it('takes days off only from where the school says its calendar is: an all-day booking named like a holiday is not one', () => {
    const booking = 'BEGIN:VEVENT\nUID:aula-kerst@school.example\nDTSTAMP:20240301T070000Z\nDTSTART;VALUE=DATE:20240327\nDTEND;VALUE=DATE:20240328\nSUMMARY:Aula gereserveerd: kerstvakantie-inloop\nEND:VEVENT';
    const feeds = (marked: boolean) => IcalSourceConfig.parse({ type: 'ical', weeks: 2, feeds: [
      { name: 'Lokalen', url: 'http://127.0.0.1/lokalen.ics', ...rules },
      { name: 'Schoolkalender', url: 'http://127.0.0.1/kalender.ics', daysOff: marked },
    ] });
    const wrap = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${body.replace(/\n/g, '\r\n')}\r\nEND:VCALENDAR\r\n`;
    const holiday = 'BEGIN:VEVENT\nUID:studiedag@school.example\nDTSTAMP:20240301T070000Z\nDTSTART;VALUE=DATE:20240329\nDTEND;VALUE=DATE:20240330\nSUMMARY:Studiedag\nEND:VEVENT';
    const texts = [readText(ownFixture('school-hoofdgebouw.ics')).replace('END:VCALENDAR', `${booking.replace(/\n/g, '\r\n')}\r\nEND:VCALENDAR`), wrap(holiday)];
    // The booking (in the lessons' feed) is never a day off; the study day is one where its feed is marked.
    expect(normalise(feeds(true), texts, now).holidays).toEqual([{ name: 'Studiedag', from: '2024-03-29', to: '2024-03-29' }]);
    expect(normalise(feeds(false), texts, now).holidays).toEqual([]);
  });

  it('lists the rooms, groups, subjects and teachers the lessons name', () => {
    expect(snapshot.rooms.map((r) => r.code)).toEqual(['B0.10', 'B0.11', 'B2.10', 'B2.11', 'GYM1']);
    expect(snapshot.groups).toEqual([
      { code: '3B', name: '3B', kind: 'class', year: 3 },
      { code: '4A', name: '4A', kind: 'class', year: 4 },
      { code: '4B', name: '4B', kind: 'class', year: 4 },
    ]);
    expect(snapshot.subjects.map((s) => s.code)).toEqual(['bi', 'en', 'lo', 'mentoruur', 'na', 'ne', 'wi']);
    expect(snapshot.teachers.every((t) => t.name === null)).toBe(true);
    expect(snapshot.pupils).toEqual([]);
  });

  it('reads an LF-only copy exactly like the CRLF original', () => {
    const crlf = readText(ownFixture('school-hoofdgebouw.ics'));
    const lf = crlf.replace(/\r\n/g, '\n');
    expect(lf).not.toContain('\r');
    const sport = readText(ownFixture('school-sporthal.ics'));
    expect(normalise(schoolConfig, [lf, sport], now)).toEqual(snapshot);
    expect(normalise(schoolConfig, [`\uFEFF${crlf}`, sport], now)).toEqual(snapshot);
  });
});

describeRealSamples('iCalendar feeds: the real samples', () => {
  it('reads the Google export (UTC times, LF) with the subject as room when the feed has no LOCATION', () => {
    const config = IcalSourceConfig.parse({ type: 'ical', feeds: [{ name: 'Google', url: 'https://example.org/g.ics', room: { from: 'summary' } }] });
    const snapshot = normalise(config, [readText(upstreamSample('ja90n_google-calendar-export_hoihoi.ics'))], at('2024-02-12', '12:00'));
    expect(snapshot.lessons.map((l) => [l.rooms[0], l.start, l.end, l.day])).toEqual([
      ['neeneesasdasd', utc('2024-02-12T14:30:00Z'), utc('2024-02-12T15:30:00Z'), '2024-02-12'],
      ['neenee', utc('2024-02-14T16:30:00Z'), utc('2024-02-14T17:30:00Z'), '2024-02-14'],
    ]);
  });

  it('reads school holidays (VALUE=DATE, DTEND exclusive) as holidays, not lessons', () => {
    const config = IcalSourceConfig.parse({ type: 'ical', feeds: [{ name: 'Ferien', url: 'https://example.org/h.ics', daysOff: true }] });
    const snapshot = normalise(config, [readText(upstreamSample('enbrea_holidays.ics'))], at('2022-04-05', '09:00'));
    expect(snapshot.lessons).toEqual([]);
    expect(snapshot.holidays).toContainEqual({ name: 'Osterferien 2022 Berlin', from: '2022-04-11', to: '2022-04-23' });
    expect(snapshot.holidays).toContainEqual({ name: 'Sommerferien 2022 Berlin', from: '2022-07-07', to: '2022-08-19' });
    // Long past holidays are of no use to a screen: only those from a month before the window on.
    expect(snapshot.holidays.map((h) => h.name)).not.toContain('Winterferien 2022 Berlin');
  });
});

describe('iCalendar feeds: time zones', () => {
  const now = at('2024-03-26', '08:00');
  const startOf = (tzid: string, local = '20240327T083000') => {
    const { config, text } = oneFeed(event(`UID:z\nDTSTART;TZID=${tzid}:${local}\nDURATION:PT50M\nSUMMARY:x\nLOCATION:A1`));
    return normalise(config, [text], now).lessons[0]?.start;
  };

  it('maps Windows ids and display names to IANA zones, keeping summer time', () => {
    expect(startOf('W. Europe Standard Time')).toBe(utc('2024-03-27T07:30:00Z'));
    expect(startOf('"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"', '20240403T083000')).toBe(utc('2024-04-03T06:30:00Z'));
  });

  it('reads bare offsets ("+02:00", IServ) as fixed offsets and Mozilla paths by their IANA tail', () => {
    expect(startOf('"+02:00"')).toBe(utc('2024-03-27T06:30:00Z'));
    expect(startOf('GMT-0300')).toBe(utc('2024-03-27T11:30:00Z'));
    expect(startOf('/mozilla.org/20070129_1/Europe/London')).toBe(utc('2024-03-27T08:30:00Z'));
  });

  it('reads an unknown TZID as school time rather than dropping the lesson', () => {
    expect(startOf('Somewhere/Nowhere')).toBe(utc('2024-03-27T07:30:00Z'));
  });

  it('compares UNTIL in UTC with a TZID start on its real clock (the last lesson after the switch is kept)', () => {
    const { config, text } = oneFeed(event(`UID:u\nDTSTART;TZID=Europe/Amsterdam:20240325T083000\nDTEND;TZID=Europe/Amsterdam:20240325T092000
RRULE:FREQ=WEEKLY;UNTIL=20240401T063000Z\nSUMMARY:x\nLOCATION:A1`));
    expect(normalise(config, [text], now).lessons.map((l) => l.day)).toEqual(['2024-03-25', '2024-04-01']);
  });

  it('applies an EXDATE in UTC to a start with a TZID but no VTIMEZONE', () => {
    const { config, text } = oneFeed(event(`UID:u\nDTSTART;TZID=Europe/Amsterdam:20240325T083000\nDURATION:PT50M
RRULE:FREQ=DAILY;COUNT=5\nEXDATE:20240327T073000Z\nEXDATE;VALUE=DATE:20240328\nSUMMARY:x\nLOCATION:A1`));
    expect(normalise(config, [text], now).lessons.map((l) => l.day)).toEqual(['2024-03-25', '2024-03-26', '2024-03-29']);
  });
});

describe('iCalendar feeds: odd input', () => {
  const now = at('2024-03-26', '08:00');

  it('cancels every event of a METHOD:CANCEL calendar', () => {
    const { config, text } = oneFeed(`METHOD:CANCEL\n${event('UID:c\nDTSTART:20240327T073000Z\nDTEND:20240327T082000Z\nSUMMARY:x\nLOCATION:A1')}`);
    expect(normalise(config, [text], now).lessons[0]?.change.cancelled).toBe(true);
  });

  it('ends an impossible rule (ical.js would search for ever) after its DTSTART, which RFC 5545 always counts', () => {
    const { config, text } = oneFeed([
      event('UID:bad\nDTSTART:20240325T073000Z\nDURATION:PT50M\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\nSUMMARY:x\nLOCATION:A1'),
      event('UID:good\nDTSTART:20240325T083000Z\nDURATION:PT50M\nSUMMARY:y\nLOCATION:A1'),
    ].join('\n'));
    const t0 = performance.now();
    expect(normalise(config, [text], now).lessons.map((l) => l.subjects[0])).toEqual(['x', 'y']);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('leaves out an event whose rule is too dense to expand, and reads the others', () => {
    const { config, text } = oneFeed([
      event('UID:dense\nDTSTART:19900101T073000Z\nDURATION:PT1M\nRRULE:FREQ=MINUTELY\nSUMMARY:x\nLOCATION:A1'),
      event('UID:good\nDTSTART:20240325T083000Z\nDURATION:PT50M\nSUMMARY:y\nLOCATION:A1'),
    ].join('\n'));
    expect(normalise(config, [text], now).lessons.map((l) => l.subjects[0])).toEqual(['y']);
  });

  it('leaves out events without length or longer than 12 hours', () => {
    const { config, text } = oneFeed([
      event('UID:a\nDTSTART:20240325T073000Z\nSUMMARY:no end\nLOCATION:A1'),
      event('UID:b\nDTSTART:20240325T073000Z\nDTEND:20240326T073000Z\nSUMMARY:day\nLOCATION:A1'),
      event('UID:c\nDTSTART:20240325T083000Z\nDTEND:20240325T092000Z\nSUMMARY:ok\nLOCATION:A1'),
    ].join('\n'));
    expect(normalise(config, [text], now).lessons.map((l) => l.subjects[0])).toEqual(['ok']);
  });

  it('refuses a feed none of whose events can be read, in plain words', () => {
    const { config, text } = oneFeed(event('UID:a\nDTSTART:2024\nSUMMARY:x'));
    expect(() => normalise(config, [text], now)).toThrow(SourceError);
    expect(() => normalise(config, [text], now)).toThrow(/none of its 1 events could be read/);
  });

  it('refuses a cut-off feed, a web page and JSON with UPSTREAM_INVALID', () => {
    const config = IcalSourceConfig.parse({ type: 'ical', feeds: [{ name: 'Test', url: 'http://127.0.0.1/t.ics' }] });
    for (const text of ['BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n', '<!DOCTYPE html><html>login</html>', '{"error":"no"}', '']) {
      expect(() => normalise(config, [text], now)).toThrow(expect.objectContaining({ code: 'UPSTREAM_INVALID' }));
    }
  });

  it('names the setting when a rule pattern cannot be used, before anything is fetched', async () => {
    const config = (pattern: string) => IcalSourceConfig.parse({ type: 'ical', feeds: [{ name: 'Test', url: 'http://127.0.0.1:1/t.ics', group: { from: 'summary', pattern } }] });
    await expect(createIcalSource(config('(unclosed')).fetch(sourceContext(now))).rejects.toThrow(/the group pattern "\(unclosed" cannot be used \(the pattern is not a valid regular expression/);
    // Look-around is JavaScript's, not RE2's: said as plainly.
    await expect(createIcalSource(config('(?<=Klas )\\w+')).fetch(sourceContext(now))).rejects.toThrow(/the group pattern .* cannot be used/);
  });

  it('finds codes with a pattern that backtracks for ever in JavaScript, at once', () => {
    const rules = new RuleSet('Test');
    const facts = { uid: 'x', summary: '', location: '', description: `Docent: ${'ab '.repeat(700)}`, categories: [], cancelled: false, sequence: 0 };
    expect(rules.codes('teacher', { from: 'description', pattern: 'Docent:\\s*((?:\\w+,?\\s*)+)\\.' }, facts, 5)).toEqual([]);
    expect(rules.codes('teacher', { from: 'description', pattern: 'Docent:\\s*((?:\\w+,?\\s*)+)' }, { ...facts, description: 'Docent: BKR, JNS' }, 5)).toEqual(['BKR', 'JNS']);
  });
});
