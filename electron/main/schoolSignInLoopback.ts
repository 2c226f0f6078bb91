import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shell, type WebContents } from 'electron';
import { type Caller, eventChannel, type Result } from '@shared/contract';
import type { Core } from '../core/app.types';
import type { Logger } from '../core/logger';
import { browserAddress } from './browserAddress';

/** How long the listener waits for the browser to come back before it gives up (the core forgets the attempt too). */
const WAIT_MS = 10 * 60_000;
const PATH = '/oidc/callback';

const DONE_PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gangbord</title></head><body style="font-family:sans-serif;margin:3rem">
<h1>Terug naar Gangbord</h1><p>Je kunt dit tabblad sluiten; Gangbord gaat verder met inloggen.</p>
<p lang="en">You can close this tab; Gangbord carries on signing you in.</p></body></html>`;

/**
 * Sign-in with the school's account in the desktop app (RFC 8252): the provider's page opens in the system browser,
 * never in an app window, and comes back to a listener on 127.0.0.1 with a port of its own for this one attempt.
 * The answer (code and state) goes to the window that started it, which finishes the sign-in through the contract.
 */
export function createSchoolSignInLoopback(core: Core, log: Logger) {
  let current: { server: Server; timer: NodeJS.Timeout } | null = null;

  const stop = () => {
    if (!current) return;
    clearTimeout(current.timer);
    current.server.close();
    current = null;
  };

  return {
    async start(caller: Caller, sender: WebContents): Promise<Result<unknown>> {
      stop();
      const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname !== PATH) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
        res.end(DONE_PAGE);
        const port = (server.address() as AddressInfo).port;
        if (!sender.isDestroyed()) sender.send(eventChannel('auth.schoolReturn'), { callbackUrl: `http://127.0.0.1:${port}${url.pathname}${url.search}` });
        stop();
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      current = { server, timer: setTimeout(stop, WAIT_MS) };
      const port = (server.address() as AddressInfo).port;
      const started = await core.dispatch(caller, 'auth.schoolSignInStart', { redirectUri: `http://127.0.0.1:${port}${PATH}` });
      if (!started.ok) {
        stop();
        return started;
      }
      const address = browserAddress((started.value as { url: string }).url);
      if (address === null) {
        stop();
        log.warn('school-sign-in.refused-url');
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'The provider address is not https.' } };
      }
      // Only an https address (or a provider on this machine) gets here: browserAddress.ts, and its test.
      await shell.openExternal(address); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return started;
    },
    stop,
  };
}
