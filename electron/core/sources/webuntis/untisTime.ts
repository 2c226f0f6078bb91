import type { LocalDate, LocalTime } from '@shared/domain/time';

/*
 * WebUntis writes dates as yyyymmdd and times as hmm/hhmm, as numbers (some servers: strings). These read them
 * strictly: a value that is not a real date or time of day gives null, and the schemas turn that into a refusal.
 */

export function untisDate(value: number | string): LocalDate | null {
  const text = String(value).trim();
  if (!/^\d{8}$/.test(text)) return null;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Minutes after midnight, or null: 800 → 480, "1345" → 825; 2400 is the end of the day. */
export function untisMinutes(value: number | string): number | null {
  const text = String(value).trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number(text);
  const h = Math.floor(n / 100);
  const m = n % 100;
  if (m > 59 || h > 24 || (h === 24 && m > 0)) return null;
  return h * 60 + m;
}

export function untisTime(value: number | string): LocalTime | null {
  const minutes = untisMinutes(value);
  if (minutes === null || minutes >= 24 * 60) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** yyyymmdd as a number, for request parameters. */
export const toUntisDate = (date: LocalDate) => Number(date.replaceAll('-', ''));
