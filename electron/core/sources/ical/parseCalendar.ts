import ICAL from 'ical.js';
import { SourceError } from '../source';

/** The VCALENDARs of one feed, parsed by ical.js (folding, escapes and value types are its work). */
export interface ParsedCalendar {
  calendars: ICAL.Component[];
  /** VEVENTs in the feed, read or not, for "test connection". */
  eventCount: number;
  /** VEVENTs ical.js could not parse at all (an unknown FREQ, a broken line inside one event): left out. */
  unparsable: number;
}

const MAX_PREVIEW = 40;

function preview(text: string): string {
  const line = text.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  const shown = line.slice(0, MAX_PREVIEW).replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?');
  return line.length > MAX_PREVIEW ? `${shown}...` : shown;
}

/** Why a text is not a calendar, in the words an administrator can act on. */
function notACalendar(name: string, text: string): SourceError {
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start === '') return new SourceError('UPSTREAM_INVALID', `Feed '${name}' sent an empty answer instead of a calendar.`);
  if (start.startsWith('<')) {
    return new SourceError('UPSTREAM_INVALID', `Feed '${name}' sent a web page instead of a calendar (a login or error page?); check the address.`);
  }
  if (start.startsWith('{') || start.startsWith('[')) return new SourceError('UPSTREAM_INVALID', `Feed '${name}' sent JSON instead of a calendar; check the address.`);
  return new SourceError('UPSTREAM_INVALID', `Feed '${name}' is not an iCalendar file (it starts with "${preview(text)}").`);
}

const invalid = (name: string, error: unknown) =>
  new SourceError('UPSTREAM_INVALID', `Feed '${name}' is not valid iCalendar: ${error instanceof Error ? error.message.slice(0, 120) : 'unreadable'}.`);

/** RFC 5545 §3.1: a line break followed by a space or tab continues the line. */
const unfold = (text: string) => text.replace(/\r\n[ \t]|\n[ \t]|\r[ \t]/g, '');

function componentsOf(jcal: unknown): ICAL.Component[] {
  // One component parses to ["vcalendar", ...]; several to [["vcalendar", ...], ...].
  const roots = Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal : [jcal];
  const out: ICAL.Component[] = [];
  for (const root of roots) {
    if (!Array.isArray(root) || typeof root[0] !== 'string') continue;
    const component = new ICAL.Component(root as unknown[]);
    if (component.name === 'vcalendar') out.push(component);
  }
  return out;
}

interface Block {
  name: string;
  lines: string[];
}

/** The calendar's own lines and its direct components (VTIMEZONE, VEVENT ...), from unfolded lines. */
function blocksOf(lines: readonly string[]): { properties: string[]; blocks: Block[] } {
  const properties: string[] = [];
  const blocks: Block[] = [];
  let depth = 0;
  let current: Block | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const begin = /^BEGIN:(.*)$/i.exec(line);
    const end = /^END:(.*)$/i.exec(line);
    if (begin) {
      depth++;
      if (depth === 2) current = { name: begin[1]!.trim().toUpperCase(), lines: [] };
    }
    if (depth === 1 && !begin && !end) properties.push(line);
    if (depth >= 2) current?.lines.push(line);
    if (end) {
      if (depth === 2 && current) {
        blocks.push(current);
        current = null;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  return { properties, blocks };
}

function tryParse(lines: readonly string[]): unknown {
  try {
    return ICAL.parse(lines.join('\r\n'));
  } catch {
    return null;
  }
}

/**
 * ical.js refuses a whole file for one bad line (an unknown FREQ in one event, a stray line). One broken event
 * should not stop a school's timetable from updating, so the file is taken apart: the calendar with its time
 * zones first, then each event on its own; events that still do not parse are counted and left out.
 */
function salvage(name: string, text: string, firstError: unknown): ParsedCalendar {
  const { properties, blocks } = blocksOf(unfold(text).split(/\r\n|\n|\r/));
  const zones = blocks.filter((b) => b.name === 'VTIMEZONE' && tryParse(b.lines) !== null);
  const method = properties.filter((p) => /^METHOD:[A-Za-z-]+$/i.test(p));
  const skeleton = tryParse(['BEGIN:VCALENDAR', ...properties, ...zones.flatMap((z) => z.lines), 'END:VCALENDAR'])
    ?? tryParse(['BEGIN:VCALENDAR', ...method, ...zones.flatMap((z) => z.lines), 'END:VCALENDAR']);
  const calendar = skeleton === null ? undefined : componentsOf(skeleton)[0];
  if (!calendar) throw invalid(name, firstError);

  let eventCount = 0;
  let unparsable = 0;
  for (const block of blocks) {
    if (block.name !== 'VEVENT') continue;
    eventCount++;
    const jcal = tryParse(block.lines);
    if (Array.isArray(jcal) && jcal[0] === 'vevent') calendar.addSubcomponent(new ICAL.Component(jcal as unknown[]));
    else unparsable++;
  }
  if (eventCount > 0 && unparsable === eventCount) throw invalid(name, firstError);
  if (eventCount === 0 && blocks.length > zones.length) throw invalid(name, firstError);
  return { calendars: [calendar], eventCount, unparsable };
}

/**
 * Text → VCALENDAR components. Accepts a byte-order mark (ical.js stumbles on it), LF-only and CRLF files and
 * folded lines. A file that does not end with END:VCALENDAR was cut off on the way and is refused as a whole:
 * reading half a timetable would drop the other half from the kiosks.
 */
export function parseCalendar(name: string, input: string): ParsedCalendar {
  const text = input.replace(/^\uFEFF/, '').trim();
  const unfolded = unfold(text);
  if (!/^BEGIN:VCALENDAR\b/i.test(unfolded)) throw notACalendar(name, text);
  if (!/(^|[\r\n])END:VCALENDAR$/i.test(unfolded)) {
    throw new SourceError('UPSTREAM_INVALID', `Feed '${name}' arrived incomplete (it does not end with END:VCALENDAR); the connection may have dropped.`);
  }

  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    return salvage(name, text, error);
  }
  const calendars = componentsOf(jcal);
  if (calendars.length === 0) throw new SourceError('UPSTREAM_INVALID', `Feed '${name}' holds no VCALENDAR.`);
  const eventCount = calendars.reduce((n, c) => n + c.getAllSubcomponents('vevent').length, 0);
  return { calendars, eventCount, unparsable: 0 };
}
