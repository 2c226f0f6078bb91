import { SourceError } from '../source';
import { cleanDetail, errorForStatus, httpRequest, parseJson, UpstreamStatusError } from '../common/http';
import { type FieldSet, ZermeloEnvelope } from './schemas';

export interface ZermeloClientOptions {
  /** `https://<portal>.zportal.nl/api/v3`, no trailing slash. */
  baseUrl: string;
  token: string;
  signal: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
}

export type QueryValue = string | number | boolean;

export interface ZermeloClient {
  /**
   * The `data` of GET /<endpoint>. Always sends `fields=`: Zermelo leaves many fields out unless asked. When the
   * school has not granted some optional fields (403), asks again without them and remembers that for the run.
   */
  get(endpoint: string, params: Record<string, QueryValue>, fields: FieldSet, what: string, signal?: AbortSignal): Promise<unknown[]>;
  /** Optional fields the school did not grant, per endpoint, as learnt during this run. */
  deniedFields(): Record<string, string[]>;
}

/** The portal's API root for a config: an explicit base URL (proxy, test server) or https://<portal>.zportal.nl/api/v3. */
export function zermeloBaseUrl(config: { portal: string; baseUrl?: string | undefined }): string {
  return (config.baseUrl ?? `https://${config.portal}.zportal.nl/api/v3`).replace(/\/+$/, '');
}

/** The message of an error envelope, if the body is one; with the token blanked out in case the portal echoes it. */
function envelopeMessage(body: string, token: string): string | null {
  try {
    const parsed = ZermeloEnvelope.safeParse(parseJson(body, 'error'));
    if (!parsed.success) return null;
    const { message, details } = parsed.data.response;
    const text = [message, details].filter(Boolean).join(' ');
    return cleanDetail(token ? text.split(token).join('[token]') : text);
  } catch {
    return null;
  }
}

/** `data` from a 2xx envelope; an envelope whose own status is an error is treated as that error. */
export function parseEnvelope(body: string, what: string): unknown[] {
  const parsed = ZermeloEnvelope.safeParse(parseJson(body, what));
  if (!parsed.success) throw new SourceError('UPSTREAM_INVALID', `${what}: the answer is not in Zermelo's usual {"response":{…}} envelope.`);
  const { status, message, data } = parsed.data.response;
  if (typeof status === 'number' && (status < 200 || status >= 300)) throw errorForStatus(status, null, what, message);
  if (!Array.isArray(data)) throw new SourceError('UPSTREAM_INVALID', `${what}: the answer has no data list.`);
  return data;
}

const fieldNamed = (field: string, text: string) => new RegExp(`\\b${field}\\b`, 'i').test(text);

export function createZermeloClient(o: ZermeloClientOptions): ZermeloClient {
  const denied = new Map<string, Set<string>>();

  return {
    deniedFields: () => Object.fromEntries([...denied].map(([endpoint, fields]) => [endpoint, [...fields].sort()])),

    async get(endpoint, params, fields, what, signal = o.signal) {
      const deniedHere = denied.get(endpoint) ?? new Set<string>();
      // At most: ask, drop the fields the portal named, drop all optional fields. Then it is the endpoint itself.
      for (let attempt = 0; ; attempt++) {
        const asked = [...fields.required, ...fields.optional.filter((f) => !deniedHere.has(f))];
        const url = new URL(`${o.baseUrl}/${endpoint}`);
        for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
        url.searchParams.set('fields', asked.join(','));
        const res = await httpRequest({
          url, what, signal, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes,
          headers: { authorization: `Bearer ${o.token}`, accept: 'application/json' },
        });
        if (res.status >= 200 && res.status < 300) return parseEnvelope(res.body, what);

        const detail = envelopeMessage(res.body, o.token);
        const optionalAsked = asked.filter((f) => fields.optional.includes(f));
        if (res.status === 403 && optionalAsked.length > 0 && attempt < 2) {
          // Field-level rights: the school granted the endpoint but not every field. Tolerate, with fewer fields.
          const named = optionalAsked.filter((f) => detail !== null && fieldNamed(f, detail));
          for (const f of named.length > 0 && attempt === 0 ? named : optionalAsked) deniedHere.add(f);
          denied.set(endpoint, deniedHere);
          continue;
        }
        if (res.status === 401) {
          throw new UpstreamStatusError(401, 'UPSTREAM_AUTH', `${what}: Zermelo did not accept the token (it may have been revoked or have expired); link Gangbord again with a new koppelcode.`, null, detail);
        }
        throw errorForStatus(res.status, res.headers, what, detail);
      }
    },
  };
}
