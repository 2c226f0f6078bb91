import { randomBytes } from 'node:crypto';
import { type Fault, type LoopbackServer, type PlannedFault, type Reply, type SeenRequest, startLoopback, takeFault } from '../../../sync/testing/loopback';

type Item = Record<string, unknown>;

/** A school as a WebUntis server holds it, in JSON-RPC result shapes. Timetable entries name elements by id. */
export interface WebUntisData {
  rooms: Item[];
  klassen: Item[];
  teachers: Item[];
  subjects: Item[];
  students: Item[];
  holidays: Item[];
  timegrid: unknown[];
  /** getTimetable entries: `{id, date, startTime, endTime, kl/te/su/ro: [{id, orgid?}], code?, lstype?, ...}` */
  periods: Item[];
  substitutions: Item[];
  /** getLatestImportTime (Unix ms). */
  importTime: number;
}

export interface WebUntisServerOptions {
  school?: string;
  user?: string;
  password?: string;
  /** Methods this account may not call: −8509 "no right". */
  noRight?: string[];
  /** getTimetable beyond these dates (yyyymmdd) answers −7004, as at the end of a school year. */
  allowedDates?: { from: number; to: number };
  /** Dates and times as strings, as some servers send them. */
  stringDates?: boolean;
  /** The next N calls after sign-in find their session gone (−8520), as after an idle timeout. */
  expireSessions?: number;
}

export interface RpcCall {
  method: string;
  params: Record<string, unknown>;
  session: string | null;
}

export interface WebUntisServer extends LoopbackServer {
  /** The address a config's `baseUrl` takes: `http://127.0.0.1:<port>`. */
  baseUrl: string;
  data: WebUntisData;
  options: WebUntisServerOptions;
  /** Wire-level faults; `rpcFault` builds one that answers a method with a JSON-RPC error. */
  faults: PlannedFault[];
  calls(method?: string): RpcCall[];
  /** Sessions signed in and not logged out. */
  openSessions(): number;
}

const ELEMENT_LISTS: Record<number, 'kl' | 'te' | 'su' | 'ro'> = { 1: 'kl', 2: 'te', 3: 'su', 4: 'ro' };

export const rpcAnswer = (id: unknown, result: unknown) => JSON.stringify({ jsonrpc: '2.0', id, result });
export const rpcError = (id: unknown, code: number, message: string) => JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } });

function parseCall(req: SeenRequest): { id: unknown; method: string; params: Record<string, unknown> } | null {
  try {
    const body = JSON.parse(req.body) as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof body.method !== 'string') return null;
    return { id: body.id ?? null, method: body.method, params: (body.params ?? {}) as Record<string, unknown> };
  } catch {
    return null;
  }
}

/** Matches requests calling `method`, for planned faults. */
export const calling = (method: string) => (req: SeenRequest) => parseCall(req)?.method === method;

/** A fault answering a method with a JSON-RPC error (HTTP 200, as WebUntis does). */
export const rpcFault = (code: number, message: string): Fault => ({ kind: 'body', body: rpcError('x', code, message) });

const sessionOf = (req: SeenRequest) => /(?:^|;\s*)JSESSIONID=([^;]+)/.exec(String(req.headers.cookie ?? ''))?.[1] ?? null;

/**
 * A WebUntis server on loopback speaking the classic JSON-RPC API (docs/upstream-formats.md §2): POST /WebUntis/jsonrpc.do?school=…,
 * authenticate → JSESSIONID cookie, −8520 without a live session, −8504 for a wrong password, −8509 for a missing
 * right, −7004 outside the allowed dates; getTimetable in both the simple and the `options` form, filtered by element
 * and dates, with names filled in when *Fields are asked for. Planned faults replace an answer on the wire.
 */
export async function startWebUntisServer(data: WebUntisData, options: WebUntisServerOptions = {}): Promise<WebUntisServer> {
  const faults: PlannedFault[] = [];
  const sessions = new Set<string>();
  const calls: RpcCall[] = [];
  const school = () => options.school ?? 'demo-school';

  const date = (v: unknown) => (options.stringDates ? String(v) : v);
  const withNames = (refs: unknown, list: Item[], asked: boolean) => (Array.isArray(refs) ? refs : []).map((ref: Item) => {
    if (!asked) return ref;
    const byId = (id: unknown) => list.find((e) => e.id === id);
    const current = byId(ref.id);
    const original = ref.orgid !== undefined ? byId(ref.orgid) : undefined;
    return { ...ref, ...(current ? { name: current.name, longname: current.longName } : {}), ...(original ? { orgname: original.name } : {}) };
  });

  function timetable(params: Record<string, unknown>) {
    const o = (params.options ?? params) as Record<string, unknown>;
    const element = (o.element ?? { id: o.id, type: o.type }) as { id: number; type: number };
    const from = Number(o.startDate);
    const to = Number(o.endDate);
    if (options.allowedDates && (from < options.allowedDates.from || to > options.allowedDates.to)) return { error: [-7004, 'no allowed date'] as const };
    const list = ELEMENT_LISTS[element.type];
    const periods = data.periods.filter((p) => {
      const refs = (list ? p[list] : []) as Item[] | undefined;
      return Number(p.date) >= from && Number(p.date) <= to && (refs ?? []).some((r) => r.id === element.id || r.orgid === element.id);
    });
    const fields = (name: string) => Array.isArray(o[name]);
    return {
      result: periods.map((p) => ({
        ...p, date: date(p.date), startTime: date(p.startTime), endTime: date(p.endTime),
        kl: withNames(p.kl, data.klassen, fields('klasseFields')), te: withNames(p.te, data.teachers, fields('teacherFields')),
        su: withNames(p.su, data.subjects, fields('subjectFields')), ro: withNames(p.ro, data.rooms, fields('roomFields')),
      })),
    };
  }

  function handle(req: SeenRequest): Reply | Fault {
    const call = parseCall(req);
    if (call) calls.push({ method: call.method, params: call.params, session: sessionOf(req) });
    const fault = takeFault(faults, req);
    if (fault) return fault;
    if (req.path !== '/WebUntis/jsonrpc.do' || req.method !== 'POST') return { status: 404, body: 'Not Found' };
    if (!call) return { body: rpcError(null, -32700, 'parse error') };
    const reply = (result: unknown): Reply => ({ body: rpcAnswer(call.id, result) });
    const fail = (code: number, message: string): Reply => ({ body: rpcError(call.id, code, message) });
    if (req.query.get('school') !== school()) return fail(-8500, 'invalid schoolname');

    if (call.method === 'authenticate') {
      if (call.params.user !== (options.user ?? 'gangbord') || call.params.password !== (options.password ?? 'geheim')) return fail(-8504, 'bad credentials');
      const session = randomBytes(12).toString('hex').toUpperCase();
      sessions.add(session);
      return { headers: { 'set-cookie': `JSESSIONID=${session}; Path=/WebUntis; HttpOnly` }, body: rpcAnswer(call.id, { sessionId: session, personType: 2, personId: 99, klasseId: 0 }) };
    }
    const session = sessionOf(req);
    if (session === null || !sessions.has(session)) return fail(-8520, 'not authenticated');
    if (call.method === 'logout') {
      sessions.delete(session);
      return reply(null);
    }
    if (options.expireSessions && options.expireSessions > 0) {
      options.expireSessions--;
      sessions.delete(session);
      return fail(-8520, 'not authenticated');
    }
    if (options.noRight?.includes(call.method)) return fail(-8509, 'no right for this method');

    switch (call.method) {
      case 'getRooms': return reply(data.rooms);
      case 'getKlassen': return reply(data.klassen);
      case 'getTeachers': return reply(data.teachers);
      case 'getSubjects': return reply(data.subjects);
      case 'getStudents': return reply(data.students);
      case 'getHolidays': return reply(data.holidays.map((h) => ({ ...h, startDate: date(h.startDate), endDate: date(h.endDate) })));
      case 'getTimegridUnits': return reply(data.timegrid);
      case 'getLatestImportTime': return reply(data.importTime);
      case 'getSubstitutions': {
        const from = Number(call.params.startDate);
        const to = Number(call.params.endDate);
        return reply(data.substitutions.filter((s) => Number(s.date) >= from && Number(s.date) <= to));
      }
      case 'getTimetable': {
        const answer = timetable(call.params);
        return 'error' in answer ? fail(answer.error![0], answer.error![1]) : reply(answer.result);
      }
      default:
        return fail(-32601, 'Method not found');
    }
  }

  const server = await startLoopback(handle);
  return {
    ...server, baseUrl: server.origin, data, options, faults,
    calls: (method) => calls.filter((c) => method === undefined || c.method === method),
    openSessions: () => sessions.size,
  };
}
