/*
 * TZIDs that are not IANA names, as they occur in feeds Dutch schools subscribe to. Outlook and Exchange write
 * Windows zone ids ("W. Europe Standard Time") or display names ("(UTC+01:00) Amsterdam, Berlin, ..."); IServ
 * writes bare offsets ("+02:00"); old Mozilla builds prefix IANA names with a path.
 */

/** Windows zone ids for the zones a Dutch, Belgian or German school will meet (CLDR windowsZones, territory 001). */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'w. europe standard time': 'Europe/Berlin',
  'romance standard time': 'Europe/Paris',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'gtb standard time': 'Europe/Bucharest',
  'turkey standard time': 'Europe/Istanbul',
  'morocco standard time': 'Africa/Casablanca',
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
};

/**
 * Cities in Windows display names, so "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna" keeps its
 * summer time: read as a fixed +01:00 it would put every lesson between March and October an hour late.
 */
const DISPLAY_NAME_CITIES: readonly [RegExp, string][] = [
  [/amsterdam/i, 'Europe/Amsterdam'],
  [/brussel|bruxelles|brussels/i, 'Europe/Brussels'],
  [/berlin/i, 'Europe/Berlin'],
  [/paris/i, 'Europe/Paris'],
  [/london|dublin|lisbon/i, 'Europe/London'],
  [/belgrade|budapest|prague/i, 'Europe/Budapest'],
  [/sarajevo|warsaw|zagreb/i, 'Europe/Warsaw'],
  [/athens|bucharest/i, 'Europe/Bucharest'],
  [/helsinki|kyiv|kiev|riga|sofia|tallinn|vilnius/i, 'Europe/Helsinki'],
  [/istanbul/i, 'Europe/Istanbul'],
];

const OFFSET = /^(?:\(?\s*(?:GMT|UTC)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?\)?$/i;
const DISPLAY_NAME = /^\(\s*(?:GMT|UTC)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\s*\)\s*(.*)$/i;

export type TzidAlias = { kind: 'iana'; name: string } | { kind: 'fixed'; offsetMs: number };

function offsetOf(sign: string, hours: string, minutes: string | undefined): TzidAlias | null {
  const h = Number(hours);
  const m = Number(minutes ?? '0');
  if (h > 14 || m > 59) return null;
  return { kind: 'fixed', offsetMs: (sign === '-' ? -1 : 1) * (h * 60 + m) * 60_000 };
}

/**
 * What a non-IANA TZID means, or null when it names nothing we know. `isZone` says whether a string is an IANA
 * name this runtime knows (Mozilla-style path prefixes are tried by their tail).
 */
export function aliasOfTzid(tzid: string, isZone: (name: string) => boolean): TzidAlias | null {
  const text = tzid.trim().replace(/^"|"$/g, '').trim();
  if (text === '') return null;

  // "/mozilla.org/20070129_1/Europe/Amsterdam": the IANA name is the tail.
  const segments = text.split('/').filter(Boolean);
  for (let take = Math.min(3, segments.length); take >= 2; take--) {
    const tail = segments.slice(-take).join('/');
    if (tail !== text && isZone(tail)) return { kind: 'iana', name: tail };
  }

  const windows = WINDOWS_ZONES[text.toLowerCase()];
  if (windows) return { kind: 'iana', name: windows };

  const display = DISPLAY_NAME.exec(text);
  if (display) {
    const cities = display[4] ?? '';
    for (const [pattern, zone] of DISPLAY_NAME_CITIES) if (pattern.test(cities)) return { kind: 'iana', name: zone };
    if (!display[1]) return { kind: 'fixed', offsetMs: 0 };
    return offsetOf(display[1], display[2] ?? '0', display[3]);
  }

  const offset = OFFSET.exec(text);
  if (offset) return offsetOf(offset[1]!, offset[2]!, offset[3]);
  return null;
}
