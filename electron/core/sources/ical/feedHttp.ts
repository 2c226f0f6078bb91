import { TextDecoder } from 'node:util';
import { SourceError } from '../source';
import { isAllowedAddress } from './feedAddress';
import { unfoldBytes } from './unfoldBytes';
import { decodeWindows1252, WINDOWS_1252_LABELS } from '../common/windows1252';
import { deadline, describeWait, parseRetryAfter, readCapped } from '../common/http';

/*
 * GET for feeds on the connectors' HTTP client (common/http: its deadline, byte cap and Retry-After parser), with
 * what feeds need besides: redirects followed by hand and checked against the address rules, conditional GETs, and
 * the charset a server names. The contract and fault tests in this folder say what it must keep doing.
 */

export interface HttpLimits {
  /** For the whole exchange, headers and body: a server that trickles a byte a second is cut off, not waited on. */
  timeoutMs: number;
  maxBytes: number;
}

/** What the server said identifies this version of the feed, for asking "changed since?" next time. */
export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export interface FeedBody extends FeedValidators {
  text: string;
  bytes: number;
}

/** The server answered 304: the feed is as it was when it gave these validators. */
export const NOT_MODIFIED = Symbol('not modified');

const MAX_REDIRECTS = 5;

function causeCode(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = e.cause;
  }
  return '';
}

/** A failed exchange in words: the caller's abort passes through untouched (the sync was stopped, not failed). */
function networkError(error: unknown, name: string, outer: AbortSignal, expired: boolean, limits: HttpLimits, reading: boolean): unknown {
  if (outer.aborted) return outer.reason ?? error;
  if (expired) {
    const limit = limits.timeoutMs < 1000 ? `${limits.timeoutMs} ms` : `${Math.round(limits.timeoutMs / 1000)} s`;
    return new SourceError('UPSTREAM_TIMEOUT', `Feed '${name}' did not ${reading ? 'finish sending' : 'answer'} within ${limit}; the cached timetable was kept.`);
  }
  const code = causeCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SourceError('UPSTREAM_HTTP', `Feed '${name}': the server's name could not be found (no network, or a wrong address).`);
  if (code === 'ECONNREFUSED') return new SourceError('UPSTREAM_HTTP', `Feed '${name}': the server refused the connection.`);
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('UNABLE_TO')) {
    return new SourceError('UPSTREAM_HTTP', `Feed '${name}': the server's certificate was not accepted (${code}).`);
  }
  if (reading) return new SourceError('UPSTREAM_HTTP', `Feed '${name}': the connection closed before the whole calendar arrived.`);
  return new SourceError('UPSTREAM_HTTP', `Feed '${name}' could not be reached (${code || 'connection failed'}).`);
}

function statusError(status: number, name: string, retryAfter: string | null): SourceError {
  const wait = parseRetryAfter(retryAfter);
  const again = wait === null ? '' : ` It asked to try again in ${describeWait(wait)}.`;
  if (status === 401 || status === 403) {
    return new SourceError('UPSTREAM_AUTH', `Feed '${name}' refused access (HTTP ${status}); its address or token may have expired.`, wait);
  }
  if (status === 404 || status === 410) return new SourceError('UPSTREAM_HTTP', `Feed '${name}' was not found (HTTP ${status}); check its address.`, wait);
  if (status === 429) return new SourceError('UPSTREAM_HTTP', `Feed '${name}' asked Gangbord to slow down (HTTP 429).${again}`, wait);
  if (status === 408 || status === 504) return new SourceError('UPSTREAM_TIMEOUT', `Feed '${name}' timed out upstream (HTTP ${status}).${again}`, wait);
  if (status >= 500) return new SourceError('UPSTREAM_HTTP', `Feed '${name}' had a server error (HTTP ${status}).${again}`, wait);
  return new SourceError('UPSTREAM_HTTP', `Feed '${name}' answered HTTP ${status} instead of a calendar.${again}`, wait);
}

/** RFC 5545 says UTF-8; a server that names another charset is believed. Folds go before decoding (unfoldBytes.ts). */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && WINDOWS_1252_LABELS.has(charset)) return decodeWindows1252(unfoldBytes(bytes));
  // UTF-16 and the like: a line break is not one byte there, so their folds are taken out as text later.
  const byteFolds = charset === undefined || /^(utf-?8|us-ascii|ascii|iso-8859-\d+|latin1)$/.test(charset);
  const body = byteFolds ? unfoldBytes(bytes) : bytes;
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(unfoldBytes(bytes));
  }
}

async function readBody(response: Response, name: string, limits: HttpLimits): Promise<FeedBody> {
  const tooLarge = () => new SourceError('UPSTREAM_INVALID', `Feed '${name}' is larger than ${Math.round(limits.maxBytes / 1_048_576)} MB; Gangbord does not read it.`);
  const all = await readCapped(response, limits.maxBytes, tooLarge);
  return { text: decodeFeed(all, response.headers.get('content-type')), bytes: all.byteLength, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
}

/**
 * GET a feed: redirects followed by hand (at most five, each checked like the configured address, so a token in
 * the query never travels over plain HTTP), one deadline for everything, a size cap, HTTP errors in plain words
 * with the upstream's Retry-After.
 */
export async function getFeed(address: URL, name: string, signal: AbortSignal, limits: HttpLimits): Promise<FeedBody>;
export async function getFeed(
  address: URL,
  name: string,
  signal: AbortSignal,
  limits: HttpLimits,
  since: FeedValidators,
): Promise<FeedBody | typeof NOT_MODIFIED>;
/** With `since`, a conditional GET (If-None-Match / If-Modified-Since): a 304 answers NOT_MODIFIED. */
export async function getFeed(
  address: URL,
  name: string,
  signal: AbortSignal,
  limits: HttpLimits,
  since?: FeedValidators,
): Promise<FeedBody | typeof NOT_MODIFIED> {
  const conditional: Record<string, string> = {
    ...(since?.etag ? { 'if-none-match': since.etag } : {}),
    ...(since?.lastModified ? { 'if-modified-since': since.lastModified } : {}),
  };
  const limit = deadline(limits.timeoutMs, signal);
  try {
    return await follow(address, name, signal, limit, limits, conditional, since);
  } finally {
    limit.clear();
  }
}

async function follow(
  address: URL,
  name: string,
  signal: AbortSignal,
  limit: ReturnType<typeof deadline>,
  limits: HttpLimits,
  conditional: Record<string, string>,
  since?: FeedValidators,
): Promise<FeedBody | typeof NOT_MODIFIED> {
  const both = limit.signal;
  let url = address;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, {
        signal: both,
        redirect: 'manual',
        headers: { accept: 'text/calendar, text/plain;q=0.8, */*;q=0.5', 'user-agent': 'Gangbord (iCalendar feed reader)', ...conditional },
      });
    } catch (error) {
      throw networkError(error, name, signal, limit.expired(), limits, false);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new SourceError('UPSTREAM_HTTP', `Feed '${name}' redirected more than ${MAX_REDIRECTS} times.`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new SourceError('UPSTREAM_HTTP', `Feed '${name}' redirected to something that is not an address.`);
      }
      if (!isAllowedAddress(next)) throw new SourceError('UPSTREAM_HTTP', `Feed '${name}' redirected to an address without https; Gangbord did not follow it.`);
      url = next;
      continue;
    }
    if (response.status === 304 && since) {
      await response.body?.cancel().catch(() => undefined);
      return NOT_MODIFIED;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw statusError(response.status, name, response.headers.get('retry-after'));
    }
    try {
      return await readBody(response, name, limits);
    } catch (error) {
      if (error instanceof SourceError) throw error;
      throw networkError(error, name, signal, limit.expired(), limits, true);
    }
  }
}
