import { type LoopbackServer, type PlannedFault, type Reply, type SeenRequest, startLoopback, takeFault, type Fault } from '../../../sync/testing/loopback';

/** A school as a Zermelo portal holds it: every list in the portal's own JSON shape. */
export interface ZermeloData {
  appointments: Record<string, unknown>[];
  locations: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  users: Record<string, unknown>[];
  announcements: Record<string, unknown>[];
  schoolYears: Record<string, unknown>[];
  branches: Record<string, unknown>[];
}

export interface ZermeloServerOptions {
  /** The bearer token the portal accepts. */
  token?: string;
  /** Koppelcodes the portal will exchange once each, and the token each gives. */
  koppelcodes?: Record<string, string>;
  /** Fields the school did not grant, per endpoint: asking for one gives 403 "Access denied". */
  deniedFields?: Record<string, string[]>;
  /** Endpoints the token may not read at all (403). */
  deniedEndpoints?: string[];
  /** What the portal does with `modifiedSince`: honour it (default), refuse it (400) or ignore it. */
  modifiedSince?: 'honour' | 'reject' | 'ignore';
  /** The code of the token's own user (users/~me). */
  me?: string;
}

export interface ZermeloServer extends LoopbackServer {
  /** `http://127.0.0.1:<port>/api/v3` */
  baseUrl: string;
  data: ZermeloData;
  options: ZermeloServerOptions;
  faults: PlannedFault[];
  /** Requests to one endpoint (`appointments`, `users`, ...), in order. */
  calls(endpoint: string): SeenRequest[];
}

const ENDPOINTS: Record<string, keyof ZermeloData> = {
  appointments: 'appointments',
  locationofbranches: 'locations',
  groupindepartments: 'groups',
  users: 'users',
  announcements: 'announcements',
  schoolsinschoolyears: 'schoolYears',
  branchesofschools: 'branches',
};

/** Query parameters that are not field filters. */
const NOT_FILTERS = new Set(['fields', 'start', 'end', 'modifiedSince', 'access_token', 'user', 'current']);

export const envelope = (data: unknown[], status = 200, message = '') =>
  JSON.stringify({ response: { status, message, details: '', eventId: 0, startRow: 0, endRow: data.length, totalRows: data.length, data } });

const error = (status: number, message: string): Reply => ({ status, body: envelope([], status, message) });

/** The query's field filters, read once per request (the benchmark's portal holds tens of thousands of items). */
function filtersOf(query: URLSearchParams): (item: Record<string, unknown>) => boolean {
  const filters = [...query].filter(([name]) => !NOT_FILTERS.has(name));
  if (filters.length === 0) return () => true;
  return (item) => filters.every(([name, value]) => !(name in item) || String(item[name]) === value);
}

function project(item: Record<string, unknown>, fields: string[] | null): Record<string, unknown> {
  if (!fields) return item;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in item) out[f] = item[f];
  return out;
}

/**
 * A Zermelo portal on loopback that speaks REST v3 as docs/upstream-formats.md §1 describes it: the `{"response":{…}}` envelope,
 * bearer (or access_token) auth with 401 for a missing or wrong token, the koppelcode exchange, `fields=` with
 * field-level rights (403 Access denied), `start`/`end` (Unix s, appointments *starting* in the range),
 * `modifiedSince`, and any other field as a filter. Faults planned in `faults` replace the answer.
 */
export async function startZermeloServer(data: ZermeloData, options: ZermeloServerOptions = {}): Promise<ZermeloServer> {
  const faults: PlannedFault[] = [];
  const token = () => options.token ?? 'abcdefghijklmnopqrstuvwxyz';

  // Appointments by start day, as a portal's database index would have them: a week's request then reads that week,
  // not the whole school year (the benchmark's portal holds tens of thousands). Versions are only ever appended.
  const index = { list: data.appointments, count: 0, byDay: new Map<number, Record<string, unknown>[]>() };
  function appointmentsStarting(start: number, end: number): Record<string, unknown>[] {
    if (index.list !== data.appointments) Object.assign(index, { list: data.appointments, count: 0, byDay: new Map() });
    for (; index.count < index.list.length; index.count++) {
      const a = index.list[index.count]!;
      const day = Math.floor(Number(a.start) / 86_400);
      const bucket = index.byDay.get(day);
      if (bucket) bucket.push(a);
      else index.byDay.set(day, [a]);
    }
    if (!Number.isFinite(start) || !Number.isFinite(end) || end - start > 400 * 86_400) {
      return data.appointments.filter((a) => Number(a.start) >= start && Number(a.start) <= end);
    }
    const out: Record<string, unknown>[] = [];
    for (let day = Math.floor(start / 86_400); day <= Math.floor(end / 86_400); day++) {
      for (const a of index.byDay.get(day) ?? []) if (Number(a.start) >= start && Number(a.start) <= end) out.push(a);
    }
    return out;
  }

  function handle(req: SeenRequest): Reply | Fault {
    const fault = takeFault(faults, req);
    if (fault) return fault;
    if (!req.path.startsWith('/api/v3/')) return error(404, 'Not found');
    const endpoint = req.path.slice('/api/v3/'.length);

    if (endpoint === 'oauth/token' && req.method === 'POST') {
      const form = new URLSearchParams(req.body);
      const code = form.get('code') ?? req.query.get('code') ?? '';
      const given = options.koppelcodes?.[code];
      if (form.get('grant_type') !== 'authorization_code' || given === undefined) return error(400, 'Invalid authorization code');
      delete options.koppelcodes![code]; // a koppelcode works once
      return { body: JSON.stringify({ access_token: given, token_type: 'bearer', expires_in: 57600 }) };
    }

    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? req.query.get('access_token');
    if (bearer !== token()) return error(401, 'Unauthorized');
    if (options.deniedEndpoints?.includes(endpoint.split('/')[0]!)) return error(403, 'Access denied');

    const fields = req.query.get('fields')?.split(',').filter(Boolean) ?? null;
    const denied = (options.deniedFields?.[endpoint.split('/')[0]!] ?? []).filter((f) => fields?.includes(f));
    if (denied.length > 0) return error(403, `Access denied for field(s): ${denied.join(', ')}`);

    if (endpoint === 'users/~me') return { body: envelope([project({ code: options.me ?? 'gangbord', isEmployee: true }, fields)]) };
    const list = ENDPOINTS[endpoint];
    if (!list) return error(404, `Unknown endpoint ${endpoint}`);
    let items = data[list];
    if (endpoint === 'appointments') {
      const start = Number(req.query.get('start') ?? -Infinity);
      const end = Number(req.query.get('end') ?? Infinity);
      items = appointmentsStarting(start, end);
      const since = req.query.get('modifiedSince');
      if (since !== null) {
        if (options.modifiedSince === 'reject') return error(400, 'Unknown parameter: modifiedSince');
        if (options.modifiedSince !== 'ignore') items = items.filter((a) => typeof a.lastModified === 'number' && a.lastModified > Number(since));
      }
    }
    return { body: envelope(items.filter(filtersOf(req.query)).map((item) => project(item, fields))) };
  }

  const server = await startLoopback(handle);
  return {
    ...server,
    baseUrl: `${server.origin}/api/v3`,
    data,
    options,
    faults,
    calls: (endpoint) => server.requests.filter((r) => r.path === `/api/v3/${endpoint}`),
  };
}

/*
 * Changing a portal's timetable the way Zermelo does: never in place, always a new version of the instance, the old
 * one marked invalid (and so itself modified).
 */

let nextVersionId = 9_000_000;

/** Makes a new valid version of an appointment instance with `patch` applied, at `at` (Unix s). */
export function reviseAppointment(data: ZermeloData, instance: number, patch: Record<string, unknown>, at: number): Record<string, unknown> {
  const current = data.appointments.find((a) => a.appointmentInstance === instance && a.valid !== false);
  if (!current) throw new Error(`no valid version of instance ${instance}`);
  current.valid = false;
  current.lastModified = at;
  const next = { ...current, ...patch, id: nextVersionId++, valid: true, base: false, modified: true, created: at, lastModified: at };
  data.appointments.push(next);
  return next;
}

/** Takes an instance off the timetable: its valid version becomes invalid, with nothing after it. */
export function withdrawAppointment(data: ZermeloData, instance: number, at: number): void {
  const current = data.appointments.find((a) => a.appointmentInstance === instance && a.valid !== false);
  if (!current) throw new Error(`no valid version of instance ${instance}`);
  current.valid = false;
  current.lastModified = at;
}
