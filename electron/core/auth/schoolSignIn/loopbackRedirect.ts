import { CallFailure } from '../../api/callFailure';

/**
 * The provider sends the browser back to this machine only (RFC 8252, section 7.3): plain http to a loopback address,
 * on whatever port the app or the web host listens. Anything else is refused: a redirect elsewhere would hand the
 * authorization code to another host.
 */
export function loopbackRedirect(uri: string): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new CallFailure('INVALID_INPUT', 'The return address is not an address.');
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
  if (url.protocol !== 'http:' || !loopback || url.username || url.password || url.hash) {
    throw new CallFailure('INVALID_INPUT', 'The return address must be http on this machine (127.0.0.1), as RFC 8252 asks of an app.');
  }
  url.search = '';
  return url;
}
