import type { SyncErrorCode } from '@shared/contract';
import { SourceError } from '../../source';
import { parseRetryAfter } from './retryAfter';

/** A SourceError that also says which HTTP status caused it, so a connector can tolerate, say, a 403 on an optional call. */
export class UpstreamStatusError extends SourceError {
  constructor(
    readonly status: number,
    code: SyncErrorCode,
    message: string,
    retryAfterMs: number | null = null,
    /** The upstream's own explanation, cleaned and shortened (never shown unless the connector chooses to). */
    readonly detail: string | null = null,
  ) {
    super(code, message, retryAfterMs);
    this.name = 'UpstreamStatusError';
  }
}

/** One line of upstream text fit for a status message: no control characters, at most `max` characters. */
export function cleanDetail(text: string | null | undefined, max = 200): string | null {
  if (!text) return null;
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat === '') return null;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function sentence(status: number): { code: SyncErrorCode; text: string } {
  if (status === 401) return { code: 'UPSTREAM_AUTH', text: 'the server did not accept the credentials (HTTP 401)' };
  if (status === 403) return { code: 'UPSTREAM_AUTH', text: 'the account has no permission for this (HTTP 403)' };
  if (status === 404) return { code: 'UPSTREAM_HTTP', text: 'the address was not found (HTTP 404); check the address in the settings' };
  if (status === 408 || status === 504) return { code: 'UPSTREAM_TIMEOUT', text: `the server gave up waiting (HTTP ${status})` };
  if (status === 429) return { code: 'UPSTREAM_HTTP', text: 'the server asks us to slow down (HTTP 429)' };
  if (status === 503) return { code: 'UPSTREAM_HTTP', text: 'the service is temporarily unavailable (HTTP 503)' };
  if (status >= 300 && status < 400) return { code: 'UPSTREAM_HTTP', text: `the server redirected elsewhere (HTTP ${status}); check the address in the settings` };
  if (status >= 500) return { code: 'UPSTREAM_HTTP', text: `the server had an internal error (HTTP ${status})` };
  return { code: 'UPSTREAM_HTTP', text: `the server refused the request (HTTP ${status})` };
}

/**
 * The SourceError for a non-2xx answer. `what` names the call in plain words ("Zermelo appointments for week 48");
 * `detail` is the upstream's own message, already stripped of anything secret by the caller.
 */
export function errorForStatus(status: number, headers: Headers | null, what: string, detail?: string | null, now: number = Date.now()): UpstreamStatusError {
  const { code, text } = sentence(status);
  const retryAfterMs = parseRetryAfter(headers?.get('retry-after'), now);
  const wait = retryAfterMs !== null ? ` It asks to try again in ${Math.ceil(retryAfterMs / 1000)} s.` : '';
  const said = cleanDetail(detail);
  return new UpstreamStatusError(status, code, `${what}: ${text}.${wait}${said ? ` The server said: "${said}"` : ''}`, retryAfterMs, said);
}
