import { SourceError } from '../../source';
import { errorForStatus } from './statusError';

/** Long enough for a big week of appointments, well under Zermelo's 60 s server-side limit. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** A week of appointments of a large school is a few MB; anything near this is not a timetable. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface HttpRequest {
  url: URL | string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The call in plain words for messages ("Zermelo rooms"); never a credential, never the query string. */
  what: string;
  /** The sync's signal: when it aborts, the request stops and the abort reason is thrown as is. */
  signal?: AbortSignal;
  /** For the whole exchange, body included: a server that dribbles its answer in still times out. */
  timeoutMs?: number;
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The body as UTF-8 text (a BOM, if any, is left for parseJson to drop). */
  body: string;
}

// undici reports most failures as TypeError('fetch failed') with the socket error as `cause`.
function causeCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  return `${String(cause?.code ?? '')} ${String(cause?.message ?? '')} ${String((error as Error | null)?.message ?? '')}`;
}

function hostOf(url: URL | string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/** Every network-level failure as a SourceError with a plain sentence; no URL query, so no token, ever. */
export function errorForNetworkFailure(error: unknown, what: string, url: URL | string): SourceError {
  const host = hostOf(url);
  const text = causeCode(error);
  if (/TIMEOUT|ETIMEDOUT/i.test(text)) return new SourceError('UPSTREAM_TIMEOUT', `${what}: ${host} did not answer in time.`);
  if (/ECONNREFUSED/.test(text)) return new SourceError('UPSTREAM_HTTP', `${what}: could not connect to ${host} (connection refused).`);
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return new SourceError('UPSTREAM_HTTP', `${what}: could not find ${host}; check the address and the network.`);
  if (/CERT|SSL|TLS|self.signed/i.test(text)) return new SourceError('UPSTREAM_HTTP', `${what}: the secure connection to ${host} could not be verified.`);
  if (/ECONNRESET|EPIPE|UND_ERR_SOCKET|terminated|other side closed/i.test(text)) {
    return new SourceError('UPSTREAM_HTTP', `${what}: the connection to ${host} broke off before the whole answer arrived.`);
  }
  return new SourceError('UPSTREAM_HTTP', `${what}: could not reach ${host}.`);
}

/**
 * A response's body, at most `maxBytes` (a declared length above it is refused before reading, a body that grows
 * past it is cut off): the one place every upstream answer is read. `tooLarge` says it in the caller's words.
 */
export async function readCapped(res: Response, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** One deadline for a whole exchange, body included, joined with the caller's signal: the one place requests time out. */
export function deadline(timeoutMs: number, signal?: AbortSignal): { signal: AbortSignal; expired: () => boolean; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('deadline')), timeoutMs);
  return {
    signal: signal ? AbortSignal.any([signal, controller.signal]) : controller.signal,
    expired: () => controller.signal.aborted,
    clear: () => clearTimeout(timer),
  };
}

async function readBody(res: Response, maxBytes: number, what: string): Promise<string> {
  const tooLarge = () => new SourceError('UPSTREAM_INVALID', `${what}: the answer is larger than ${Math.round(maxBytes / 1048576)} MB, which is not a timetable.`);
  return (await readCapped(res, maxBytes, tooLarge)).toString('utf8');
}

/**
 * One HTTP exchange with a deadline, a size cap and the sync's abort signal. Resolves with any HTTP status (callers
 * decide what a 403 means to them; `expectOk` maps the rest); every network failure, timeout or oversized body is
 * a SourceError. Redirects are not followed: a credential must never travel to an address nobody configured.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  req.signal?.throwIfAborted();
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limit = deadline(timeoutMs, req.signal);
  try {
    const res = await fetch(req.url, { method: req.method ?? 'GET', headers: req.headers, body: req.body, signal: limit.signal, redirect: 'manual' });
    const body = await readBody(res, req.maxBytes ?? DEFAULT_MAX_BYTES, req.what);
    return { status: res.status, headers: res.headers, body };
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason;
    if (limit.expired()) {
      throw new SourceError('UPSTREAM_TIMEOUT', `${req.what}: ${hostOf(req.url)} gave no complete answer within ${Math.round(timeoutMs / 100) / 10} s.`);
    }
    if (error instanceof SourceError) throw error;
    throw errorForNetworkFailure(error, req.what, req.url);
  } finally {
    limit.clear();
  }
}

/** The response if it is a 2xx; otherwise the SourceError its status maps to (401/403 auth, 429/503 with Retry-After, ...). */
export function expectOk(res: HttpResponse, what: string, detail?: string | null): HttpResponse {
  if (res.status >= 200 && res.status < 300) return res;
  throw errorForStatus(res.status, res.headers, what, detail);
}

/** JSON from a body; a BOM is dropped (some Windows-made answers and files start with one). */
export function parseJson(body: string, what: string): unknown {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') throw new SourceError('UPSTREAM_INVALID', `${what}: the server sent an empty answer.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SourceError('UPSTREAM_INVALID', `${what}: the answer is not valid JSON (cut off or not JSON at all).`);
  }
}
