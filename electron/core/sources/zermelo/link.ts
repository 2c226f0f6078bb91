import { UpstreamUrl } from '@shared/settings';
import { SourceError } from '../source';
import { errorForStatus, httpRequest, parseJson } from '../common/http';
import { zermeloBaseUrl } from './client';
import { ZermeloToken } from './schemas';

export interface LinkOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** `school`, `https://school.zportal.nl/api/v3` or a test server's address, as the admin typed it. */
function baseUrlFor(portalOrBaseUrl: string): string {
  const given = portalOrBaseUrl.trim();
  if (/^https?:\/\//i.test(given)) {
    if (!UpstreamUrl.safeParse(given).success) throw new SourceError('UPSTREAM_INVALID', 'The Zermelo address must start with https:// (plain http only to this machine).');
    return zermeloBaseUrl({ portal: '', baseUrl: given });
  }
  const portal = given.toLowerCase().replace(/\.zportal\.nl$/, '');
  if (!/^[a-z0-9-]{2,63}$/.test(portal)) throw new SourceError('UPSTREAM_INVALID', 'The portal name is the first part of the portal address: "school" for https://school.zportal.nl.');
  return zermeloBaseUrl({ portal });
}

/**
 * Links Gangbord to a Zermelo portal: exchanges the koppelcode from the portal's "Koppel App" page for an access
 * token (POST /oauth/token) and returns that token for the secret store. Spaces in the code are ignored (the portal
 * shows it in groups of three). Neither the code nor the token ever appears in a message.
 */
export async function linkZermelo(portalOrBaseUrl: string, koppelcode: string, options: LinkOptions = {}): Promise<string> {
  const base = baseUrlFor(portalOrBaseUrl);
  const code = koppelcode.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9]{4,64}$/.test(code)) {
    throw new SourceError('UPSTREAM_AUTH', 'That is not a koppelcode: it is the series of digits on the portal\'s "Koppel App" page.');
  }
  const what = 'Linking with Zermelo';
  const res = await httpRequest({
    url: `${base}/oauth/token`, method: 'POST', what, signal: options.signal, timeoutMs: options.timeoutMs ?? 20_000, maxBytes: 64 * 1024,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code }).toString(),
  });
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    // Zermelo answers a used, expired or mistyped code with one of these; the remedy is the same.
    throw new SourceError('UPSTREAM_AUTH', 'Zermelo did not accept the koppelcode. A code works once and expires after a while: make a new one on the portal\'s "Koppel App" page.');
  }
  if (res.status < 200 || res.status >= 300) throw errorForStatus(res.status, res.headers, what);
  const token = ZermeloToken.safeParse(parseJson(res.body, what));
  if (!token.success) throw new SourceError('UPSTREAM_INVALID', `${what}: the portal answered, but without an access token.`);
  return token.data.access_token;
}
