import type { z } from 'zod';
import type { ZermeloSourceConfig } from '@shared/settings';
import { SourceError } from '../source';
import { mapWithLimit, UpstreamStatusError } from '../common/http';
import type { SourceContext } from '../source';
import { createZermeloClient, type QueryValue, zermeloBaseUrl, type ZermeloClient } from './client';
import { configKey, OVERLAP_SECONDS, parseCursor, planSync, type SyncPlan, weekFingerprint, type ZermeloCursor } from './cursor';
import {
  ANNOUNCEMENT_FIELDS, APPOINTMENT_FIELDS, BRANCH_FIELDS, EMPLOYEE_CODE_FIELDS, type FieldSet, FINGERPRINT_FIELDS, GROUP_FIELDS, LOCATION_FIELDS,
  PERSON_FIELDS, SCHOOL_YEAR_FIELDS,
} from './schemas';
import { schoolWeeks, type SchoolWeek } from '../common/schoolWeeks';

export type ZermeloConfig = z.infer<typeof ZermeloSourceConfig>;

export interface ZermeloOptions {
  /** Per request, body included. Default 30 s: well under the 60 s after which Zermelo kills a request. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

/** One week's answer to GET /appointments, as the portal sent it. */
export interface WeekOfAppointments {
  monday: string;
  data: unknown[];
}

/**
 * What fetch hands to validate: the portal's answers, untouched, plus the bookkeeping of this run. Reference
 * lists are null when the school did not grant them (or, for pupils, in kiosk scope: never asked).
 */
export interface ZermeloFetched {
  mode: 'full' | 'modifiedSince' | 'fingerprint';
  from: string;
  to: string;
  /** Weeks whose appointments are included (in fingerprint mode: only the weeks that changed). */
  appointments: WeekOfAppointments[];
  /** The fingerprint of every week of the window after this run. */
  fingerprints: Record<string, string>;
  /** The cursor this run started from (increments only). */
  cursor: ZermeloCursor | null;
  /** False when the portal refused `modifiedSince` during this run. */
  modifiedSinceSupported: boolean;
  locations: unknown[] | null;
  groups: unknown[] | null;
  employees: unknown[] | null;
  pupils: unknown[] | null;
  announcements: unknown[] | null;
  schoolYears: unknown[] | null;
  branches: unknown[] | null;
  deniedFields: Record<string, string[]>;
}

/** In flight at once for light requests (increments): one round trip for all weeks of the window. */
const LIGHT_CONCURRENCY = 8;

export function clientFor(config: ZermeloConfig, options: ZermeloOptions, ctx: SourceContext): ZermeloClient {
  const token = ctx.secret(config.token)?.replace(/\s+/g, '') ?? '';
  if (token === '') {
    throw new SourceError('UPSTREAM_AUTH', 'No Zermelo token is stored on this machine yet: link Gangbord with a koppelcode from the portal first.');
  }
  return createZermeloClient({ baseUrl: zermeloBaseUrl(config), token, signal: ctx.signal, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
}

/** The answer of a call the sync can do without: null when the school did not grant it (403) or the portal lacks it (404). */
export async function optional(call: Promise<unknown[]>): Promise<unknown[] | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof UpstreamStatusError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}

const weekParams = (w: SchoolWeek): Record<string, QueryValue> => ({ start: Math.floor(w.start / 1000), end: Math.floor(w.end / 1000) - 1 });

async function referenceData(client: ZermeloClient, config: ZermeloConfig, ctx: SourceContext, concurrency: number) {
  const get = (endpoint: string, params: Record<string, QueryValue>, fields: FieldSet, what: string) => (signal: AbortSignal) =>
    client.get(endpoint, params, fields, what, signal);
  const calls: Record<string, (signal: AbortSignal) => Promise<unknown[] | null>> = {
    locations: (s) => optional(get('locationofbranches', {}, LOCATION_FIELDS, 'Zermelo rooms')(s)),
    groups: (s) => optional(get('groupindepartments', {}, GROUP_FIELDS, 'Zermelo groups')(s)),
    // Kiosks ask for abbreviations only; names are staff-mode data.
    employees: (s) => optional(get('users', { isEmployee: true }, ctx.scope === 'staff' ? PERSON_FIELDS : EMPLOYEE_CODE_FIELDS, 'Zermelo staff')(s)),
    announcements: (s) => optional(get('announcements', { user: '~me', current: true }, ANNOUNCEMENT_FIELDS, 'Zermelo announcements')(s)),
    schoolYears: (s) => optional(get('schoolsinschoolyears', { archived: false }, SCHOOL_YEAR_FIELDS, 'Zermelo school')(s)),
  };
  if (config.branch) calls.branches = (s) => optional(get('branchesofschools', {}, BRANCH_FIELDS, 'Zermelo branches')(s));
  // Pupils only ever in staff scope: a kiosk does not ask for them at all. Where the school did not grant them,
  // the staff machine has none (test connection says so).
  if (ctx.scope === 'staff') calls.pupils = (s) => optional(get('users', { isStudent: true }, PERSON_FIELDS, 'Zermelo pupils')(s));
  const names = Object.keys(calls);
  const results = await mapWithLimit(names, concurrency, ctx.signal, (name, _i, signal) => calls[name]!(signal));
  return Object.fromEntries(names.map((n, i) => [n, results[i] ?? null])) as Record<string, unknown[] | null>;
}

async function weeksOfAppointments(
  client: ZermeloClient,
  weeks: readonly SchoolWeek[],
  ctx: SourceContext,
  concurrency: number,
  extra: Record<string, QueryValue> = {},
) {
  let done = 0;
  ctx.progress('appointments', 0, weeks.length);
  return mapWithLimit(weeks, concurrency, ctx.signal, async (w, _i, signal) => {
    const data = await client.get('appointments', { ...weekParams(w), ...extra }, APPOINTMENT_FIELDS, `Zermelo appointments for ${w.label}`, signal);
    ctx.progress('appointments', ++done, weeks.length);
    return { monday: w.monday, data };
  });
}

async function fetchFull(
  client: ZermeloClient,
  config: ZermeloConfig,
  weeks: readonly SchoolWeek[],
  ctx: SourceContext,
  concurrency: number,
): Promise<ZermeloFetched> {
  const reference = await referenceData(client, config, ctx, concurrency);
  const appointments = await weeksOfAppointments(client, weeks, ctx, concurrency);
  return {
    mode: 'full',
    from: weeks[0]!.monday,
    to: weeks.at(-1)!.sunday,
    appointments,
    fingerprints: Object.fromEntries(appointments.map((w) => [w.monday, weekFingerprint(w.data)])),
    cursor: null,
    modifiedSinceSupported: true,
    locations: reference.locations ?? null,
    groups: reference.groups ?? null,
    employees: reference.employees ?? null,
    pupils: reference.pupils ?? null,
    announcements: reference.announcements ?? null,
    schoolYears: reference.schoolYears ?? null,
    branches: reference.branches ?? null,
    deniedFields: client.deniedFields(),
  };
}

/** Compares each week's versions (ids and change times only) with the cursor and fetches in full only the weeks that changed. */
async function fetchChangedWeeks(client: ZermeloClient, cursor: ZermeloCursor, weeks: readonly SchoolWeek[], ctx: SourceContext, concurrency: number) {
  const fingerprints = await mapWithLimit(weeks, concurrency, ctx.signal, async (w, _i, signal) =>
    weekFingerprint(await client.get('appointments', weekParams(w), FINGERPRINT_FIELDS, `Zermelo changes in ${w.label}`, signal)));
  const changed = weeks.filter((w, i) => cursor.weeks[w.monday] !== fingerprints[i]);
  const appointments = await weeksOfAppointments(client, changed, ctx, concurrency);
  // For a week fetched in full, the fingerprint of what was actually applied (it may have moved on in between).
  const byWeek = Object.fromEntries(weeks.map((w, i) => [w.monday, fingerprints[i]!]));
  for (const w of appointments) byWeek[w.monday] = weekFingerprint(w.data);
  return { appointments, fingerprints: byWeek };
}

async function fetchIncrement(client: ZermeloClient, plan: Exclude<SyncPlan, { mode: 'full' }>, weeks: readonly SchoolWeek[], ctx: SourceContext, concurrency: number): Promise<ZermeloFetched> {
  const common = {
    from: weeks[0]!.monday, to: weeks.at(-1)!.sunday, cursor: plan.cursor,
    locations: null, groups: null, employees: null, pupils: null, announcements: null, schoolYears: null, branches: null,
  };
  if (plan.mode === 'modifiedSince') {
    try {
      // Answers hold only what changed: small, so they may all be asked for at once (latency, not load, is the cost).
      const appointments = await weeksOfAppointments(client, weeks, ctx, Math.max(concurrency, LIGHT_CONCURRENCY), {
        modifiedSince: plan.since - OVERLAP_SECONDS,
      });
      return { ...common, mode: 'modifiedSince', appointments, fingerprints: plan.cursor.weeks, modifiedSinceSupported: true, deniedFields: client.deniedFields() };
    } catch (error) {
      // `modifiedSince` is not in every portal's documentation; one that refuses it (400) gets weeks compared instead.
      if (!(error instanceof UpstreamStatusError && error.status === 400)) throw error;
    }
  }
  const { appointments, fingerprints } = await fetchChangedWeeks(client, plan.cursor, weeks, ctx, concurrency);
  return { ...common, mode: 'fingerprint', appointments, fingerprints, modifiedSinceSupported: false, deniedFields: client.deniedFields() };
}

/** The network half of a Zermelo sync: a full fetch, or only what changed since the cursor. */
export async function fetchZermelo(config: ZermeloConfig, options: ZermeloOptions, ctx: SourceContext): Promise<ZermeloFetched> {
  const client = clientFor(config, options, ctx);
  const weeks = schoolWeeks(ctx.now, ctx.zone, config.weeks);
  const plan = planSync(parseCursor(ctx.cursor), { now: ctx.now, zone: ctx.zone, scope: ctx.scope, config: configKey(config), weeks });
  const concurrency = options.concurrency ?? 3;
  if (plan.mode === 'full') return fetchFull(client, config, weeks, ctx, concurrency);
  return fetchIncrement(client, plan, weeks, ctx, concurrency);
}
