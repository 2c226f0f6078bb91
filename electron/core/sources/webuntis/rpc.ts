import type { SyncErrorCode } from '@shared/contract';
import { SourceError } from '../source';
import { cleanDetail, errorForStatus, httpRequest, parseJson } from '../common/http';
import { RpcEnvelope, UntisAuth } from './schemas';

/** JSON-RPC error codes WebUntis uses (python-webuntis; −8509 is what servers send for a missing right). */
export const RPC = {
  METHOD_NOT_FOUND: -32601,
  BAD_CREDENTIALS: -8504,
  NOT_AUTHENTICATED: -8520,
  NO_RIGHT: -8509,
  DATE_RANGE: [-7004, -8507] as readonly number[],
} as const;

/** A JSON-RPC error answer, with WebUntis's own code kept so callers can tolerate "no right" or a date range. */
export class UntisRpcError extends SourceError {
  constructor(readonly rpcCode: number, code: SyncErrorCode, message: string) {
    super(code, message);
    this.name = 'UntisRpcError';
  }
}

export const isDateRangeError = (e: unknown) => e instanceof UntisRpcError && RPC.DATE_RANGE.includes(e.rpcCode);
export const isMissingMethod = (e: unknown) => e instanceof UntisRpcError && e.rpcCode === RPC.METHOD_NOT_FOUND;
/** The account may not do this (pupil and teacher accounts usually may not read substitutions or pupils). */
export const isNoRight = (e: unknown) =>
  e instanceof UntisRpcError && (e.rpcCode === RPC.NO_RIGHT || (!RPC.DATE_RANGE.includes(e.rpcCode) && /no right|keine rechte|no permission|not permitted|forbidden/i.test(e.message)));

export interface SessionOptions {
  /** https://<server>/WebUntis/jsonrpc.do (the school goes in the query). */
  endpoint: string;
  school: string;
  user: string;
  password: string;
  signal: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface UntisSession {
  /** Calls a method; signs in again once if the session expired (−8520) on the way. */
  call(method: string, params?: unknown, signal?: AbortSignal): Promise<unknown>;
  /** Ends the session; never throws. Called in `finally` by every caller: sessions are a server resource. */
  logout(): Promise<void>;
}

/** The JSON-RPC endpoint for a config: an explicit base (proxy, test server) or https://<server>/WebUntis/jsonrpc.do. */
export function untisEndpoint(config: { server: string; school: string; baseUrl?: string | undefined }): string {
  const base = (config.baseUrl ?? `https://${config.server}`).replace(/\/+$/, '');
  const url = new URL(/jsonrpc\.do$/.test(base) ? base : `${base}/WebUntis/jsonrpc.do`);
  url.searchParams.set('school', config.school);
  return url.toString();
}

function rpcFailure(method: string, code: number, serverMessage: string | null, o: Pick<SessionOptions, 'school' | 'user' | 'password'>): UntisRpcError {
  // Servers sometimes echo what they were sent; none of it goes into a status message.
  let said = serverMessage ?? '';
  for (const secret of [o.password, o.user]) if (secret) said = said.split(secret).join('…');
  const detail = cleanDetail(said);
  const tail = detail ? ` (WebUntis: "${detail}")` : '';
  if (code === RPC.BAD_CREDENTIALS) return new UntisRpcError(code, 'UPSTREAM_AUTH', `WebUntis did not accept the user name or password for school "${o.school}".`);
  if (code === RPC.NOT_AUTHENTICATED) return new UntisRpcError(code, 'UPSTREAM_AUTH', `WebUntis ended the session during ${method} and did not take a new sign-in.`);
  if (code === RPC.NO_RIGHT) return new UntisRpcError(code, 'UPSTREAM_AUTH', `The WebUntis account has no right to ${method}${tail}.`);
  if (RPC.DATE_RANGE.includes(code)) return new UntisRpcError(code, 'UPSTREAM_INVALID', `WebUntis does not give ${method} for these dates (outside the school year?)${tail}.`);
  if (code === RPC.METHOD_NOT_FOUND) return new UntisRpcError(code, 'UPSTREAM_INVALID', `This WebUntis server does not know ${method}.`);
  return new UntisRpcError(code, 'UPSTREAM_HTTP', `WebUntis refused ${method} with error ${code}${tail}.`);
}

/** The `result` of a JSON-RPC answer body; an `error` answer as an UntisRpcError, anything else as UPSTREAM_INVALID. */
export function parseRpcAnswer(body: string, method: string, o: Pick<SessionOptions, 'school' | 'user' | 'password'>): unknown {
  const what = `WebUntis ${method}`;
  const envelope = RpcEnvelope.safeParse(parseJson(body, what));
  if (!envelope.success) throw new SourceError('UPSTREAM_INVALID', `${what}: the answer is not a JSON-RPC answer.`);
  const { error, result } = envelope.data;
  if (error) throw rpcFailure(method, error.code, error.message ?? null, o);
  if (result === undefined) throw new SourceError('UPSTREAM_INVALID', `${what}: the answer has neither a result nor an error.`);
  return result;
}

/** Signs in (authenticate) and returns a session that sends the JSESSIONID cookie with every call. */
export async function openSession(o: SessionOptions): Promise<UntisSession> {
  let sessionId: string | null = null;
  let nextId = 1;
  const schoolCookie = `schoolname="_${Buffer.from(o.school).toString('base64')}"`;

  async function post(method: string, params: unknown, signal: AbortSignal, timeoutMs = o.timeoutMs): Promise<unknown> {
    const what = `WebUntis ${method}`;
    const res = await httpRequest({
      url: o.endpoint, method: 'POST', what, signal, timeoutMs, maxBytes: o.maxBytes,
      headers: {
        'content-type': 'application/json', accept: 'application/json',
        ...(sessionId ? { cookie: `JSESSIONID=${sessionId}; ${schoolCookie}` } : {}),
      },
      body: JSON.stringify({ id: String(nextId++), method, params: params ?? {}, jsonrpc: '2.0' }),
    });
    if (res.status < 200 || res.status >= 300) throw errorForStatus(res.status, res.headers, what);
    return parseRpcAnswer(res.body, method, o);
  }

  async function authenticate(signal: AbortSignal): Promise<void> {
    sessionId = null;
    const result = await post('authenticate', { user: o.user, password: o.password, client: 'Gangbord' }, signal);
    const auth = UntisAuth.safeParse(result);
    if (!auth.success) throw new SourceError('UPSTREAM_INVALID', 'WebUntis accepted the sign-in but sent no session.');
    sessionId = auth.data.sessionId;
  }

  await authenticate(o.signal);
  let signingInAgain: Promise<void> | null = null;
  return {
    async call(method, params, signal = o.signal) {
      const used = sessionId;
      try {
        return await post(method, params, signal);
      } catch (error) {
        if (!(error instanceof UntisRpcError && error.rpcCode === RPC.NOT_AUTHENTICATED)) throw error;
        // Sessions idle out (about ten minutes): sign in again, once, and repeat the call. Calls in parallel that
        // all find the session gone share one new sign-in.
        if (sessionId === used) signingInAgain ??= authenticate(signal).finally(() => { signingInAgain = null; });
        await signingInAgain;
        return post(method, params, signal);
      }
    },
    async logout() {
      if (sessionId === null) return;
      try {
        // Its own short deadline and no sync signal: a stopped or failed sync still ends its session.
        await post('logout', {}, new AbortController().signal, 5000);
      } catch {
        // The session idles out on its own; a failed logout is nothing to report.
      } finally {
        sessionId = null;
      }
    },
  };
}
