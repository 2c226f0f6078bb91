import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './appOrigin';

// What `app://gangbord/<path>` maps to on disk, and the headers it is served with. No Electron import: the path
// rules are unit-tested under Node; protocol.ts does the serving.

/** The renderer talks to main over IPC only, so it needs no network at all: `connect-src 'none'`. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
  "connect-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};

export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
    // The files change only with an update, and an update restarts the app; no stale-cache surprises after one.
    'Cache-Control': 'no-cache',
  };
}

export type Resolved = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 404 | 405 };

/**
 * The file under `rootDir` that a request for our scheme names. Refused: other hosts, other methods, encoded
 * slashes or backslashes, NUL, dot segments that survive URL parsing, and anything that would land outside
 * `rootDir`. Unknown file types are refused rather than served as something a browser might sniff.
 */
export function resolveAppFile(rootDir: string, requestUrl: string, method = 'GET'): Resolved {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405 };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return { ok: false, status: 404 };

  const segments: string[] = [];
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    // After decoding, a segment is one file or folder name: no separators, no NUL, no "." or "..".
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment) || /^[a-zA-Z]:/.test(segment)) return { ok: false, status: 404 };
    segments.push(segment);
  }
  if (segments.length === 0) return { ok: false, status: 404 };

  const file = join(rootDir, ...segments);
  const inside = relative(rootDir, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return { ok: false, status: 404 };

  const contentType = TYPES[extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404 };
  return { ok: true, file, contentType };
}
