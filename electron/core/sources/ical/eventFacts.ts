import { createHash } from 'node:crypto';
import type ICAL from 'ical.js';
import type { EventFacts } from '../common/fieldRules';

export type { EventFacts };

/*
 * Some feeds do not send STATUS:CANCELLED but rename the event ("Vervallen: wiskunde", WebUntis' German
 * "Entfällt: M"). Only a leading word followed by a colon or dash counts, so a lesson about "uitval" does not.
 */
const CANCELLED_PREFIX = /^\s*(?:vervallen|vervalt|uitval|geannuleerd|afgelast|entf(?:ä|ae)llt|cancell?ed)\s*[:\-–]\s*/i;

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The value of a property parameter as one string (ical.js gives an array when the parameter repeats). */
export function param(prop: ICAL.Property, name: string): string | null {
  const value: unknown = prop.getParameter(name);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

export function sequenceOf(event: ICAL.Component): number {
  const value = event.getFirstPropertyValue('sequence');
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(n) ? n : 0;
}

/**
 * The UID, or a stand-in made from what the event says when a feed leaves it out (RFC 5545 requires one; not
 * every exporter writes it). The stand-in is stable from one sync to the next as long as the event is.
 */
export function uidOf(event: ICAL.Component): string {
  const uid = textOf(event.getFirstPropertyValue('uid')).trim();
  if (uid !== '') return uid;
  const dtstart = event.getFirstProperty('dtstart')?.toICALString() ?? '';
  const seed = [dtstart, textOf(event.getFirstPropertyValue('summary')), textOf(event.getFirstPropertyValue('location'))].join('\n');
  return `no-uid-${createHash('sha256').update(seed).digest('base64url').slice(0, 22)}`;
}

export function factsOf(event: ICAL.Component, calendarCancelled: boolean): EventFacts {
  let summary = textOf(event.getFirstPropertyValue('summary'));
  const status = textOf(event.getFirstPropertyValue('status')).trim().toUpperCase();
  let cancelled = calendarCancelled || status === 'CANCELLED';
  const prefix = CANCELLED_PREFIX.exec(summary);
  if (prefix) {
    cancelled = true;
    summary = summary.slice(prefix[0].length);
  }
  const categories: string[] = [];
  for (const prop of event.getAllProperties('categories')) {
    for (const value of prop.getValues()) if (typeof value === 'string' && value.trim() !== '') categories.push(value.trim());
  }
  return {
    uid: uidOf(event),
    summary,
    location: textOf(event.getFirstPropertyValue('location')),
    description: textOf(event.getFirstPropertyValue('description')),
    categories,
    cancelled,
    sequence: sequenceOf(event),
  };
}
