import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from '../core/logger';
import { APP_SCHEME } from './appOrigin';
import { resolveAppFile, responseHeaders } from './protocolFiles';

/**
 * Must run before `app` is ready, and only once (Electron's rule). `standard` gives the pages a real origin
 * (app://gangbord) for relative URLs, storage and our origin checks; `secure` treats it like https;
 * `supportFetchAPI` lets Chromium fetch module scripts from it (the page's own fetch() stays blocked by
 * `connect-src 'none'`). Deliberately not `corsEnabled` (it would let other origins read our files), not
 * `bypassCSP`, no service workers.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer as app://gangbord/... with the strict CSP as a response header (Electron's security
 * checklist, items 7 and 18: a custom protocol instead of file://, and a CSP). Registered on the default session,
 * which every window of ours uses. Reading from inside app.asar works: Electron's fs reads the archive.
 */
export function serveRenderer(rendererDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppFile(rendererDir, request.url, request.method);
    if (!resolved.ok) return new Response(null, { status: resolved.status, headers: responseHeaders('text/plain; charset=utf-8') });
    try {
      const body = await readFile(resolved.file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: responseHeaders(resolved.contentType) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        return new Response(null, { status: 404, headers: responseHeaders('text/plain; charset=utf-8') });
      }
      log.error('protocol.read-failed', { path: new URL(request.url).pathname, error });
      return new Response(null, { status: 500, headers: responseHeaders('text/plain; charset=utf-8') });
    }
  });
}
