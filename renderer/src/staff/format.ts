import type { LocalDate } from '@shared/domain/time';
import { instantAt } from '@shared/timetable/zonedTime';
import { intlLocale, type Locale } from '../i18n';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: zone })));
  return f;
}

// Noon of a date in the school's zone lies on that date whatever the offset.
const noon = (date: LocalDate, zone: string) => instantAt(date, '12:00', zone);

/** "maandag 23 nov." → "ma 23 nov": a column head of the week view. */
export function dayHeading(date: LocalDate, zone: string, locale: Locale): string {
  return format(locale, zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(noon(date, zone)).replace(/\./g, '').replace(',', '');
}

/** "23 november 2026". */
export function fullDate(date: LocalDate, zone: string, locale: Locale): string {
  return format(locale, zone, { day: 'numeric', month: 'long', year: 'numeric' }).format(noon(date, zone));
}

/** "24-11-2026 13:05" / "24/11/2026 13:05": audit rows and account times, to the minute, in the school's zone. */
export function dateTime(at: number, zone: string, locale: Locale): string {
  return format(locale, zone, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
    .format(at).replace(',', '');
}

/** A TOTP secret in groups of four, easier to type over: "JBSW Y3DP EHPK 3PXP". */
export function groupsOfFour(secret: string): string {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? '';
}

/**
 * "Sanne van den Berg". The same as shared/domain/people's displayName, which cannot be imported at run time here:
 * that module defines zod schemas, and zod probes `Function('')` (an eval the page's CSP rightly refuses).
 */
export function personName(name: { firstName: string; prefix: string | null; lastName: string }): string {
  return [name.firstName, name.prefix, name.lastName].filter(Boolean).join(' ');
}
