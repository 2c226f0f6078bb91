import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppMode, type Caller, fail, isCallName } from '@shared/contract';
import type { Core } from '../core/app.types';
import type { Logger } from '../core/logger';
import { posix } from 'node:path';
import { webHostPaths } from '@shared/contract/bridge';
import { createPageKeys, type PageEntry } from './pageKeys';
import { fromOwnOrigin, setSecurityHeaders } from './security';
import { resolveStatic, streamFile } from './staticFiles';

export interface WebHostOptions {
  core: Core;
  mode: AppMode;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port: number;
  log: Logger;
}

export interface WebHost {
  /** Open this once: its fragment carries the one-time launch key the page trades for its page key. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const CALL_PATH = /^\/api\/call\/([A-Za-z.]+)$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.removeAllListeners('data');
        req.resume(); // drain and discard the rest; the answer says why
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** A URL path as the file system would see it: decoded and normalised (`/%73taff.html`, `/./staff.html`). */
function decodedPath(pathname: string): string | null {
  try {
    return posix.normalize(decodeURIComponent(pathname));
  } catch {
    return null;
  }
}

/**
 * The second host for the core: the built renderer and the contract over HTTP, on 127.0.0.1 only. It exists so
 * the real UI runs in a real browser where Electron cannot. Same schemas, same role checks; the sender check is
 * a page key sent as a header (docs/web-host-page-keys.md: no cookies, which every loopback port would receive)
 * plus Host and Origin checks.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, mode, log } = options;
  const keys = createPageKeys();
  const page = `/${mode}.html`;
  const otherPage = mode === 'kiosk' ? '/staff.html' : '/kiosk.html';
  const sse = new Set<ServerResponse>();
  let port = options.port;

  /**
   * Every page calls at the public level; on a staff host the page also has a session slot, held here beside its
   * page key, through which a sign-in raises its role. The page never sees the session token.
   */
  const callerFor = (entry: PageEntry): Caller =>
    mode === 'kiosk' ? { role: 'kiosk', client: entry.client } : { role: 'kiosk', session: entry.session, client: entry.client };

  async function handleLaunch(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return sendJson(res, 405, fail('INVALID_INPUT', 'A launch is a POST request.'));
    let given: unknown;
    try {
      given = (JSON.parse(await readBody(req)) as { launch?: unknown }).launch;
    } catch {
      return sendJson(res, 400, fail('INVALID_INPUT', 'A launch sends JSON: {"launch": "..."}.'));
    }
    const outcome = keys.launch(given);
    if (!outcome.ok) {
      log.warn('web.launch-refused', { status: outcome.status });
      return sendJson(res, outcome.status, fail('BAD_SENDER', outcome.reason));
    }
    sendJson(res, 200, { key: outcome.key });
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string, entry: PageEntry) {
    if (req.method !== 'POST') return sendJson(res, 405, fail('INVALID_INPUT', 'Calls are POST requests.'));
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, fail('INVALID_INPUT', 'Calls send JSON.'));
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      res.setHeader('Connection', 'close');
      return sendJson(res, 400, fail('INVALID_INPUT', 'The request body is not JSON of at most 1 MB.'));
    }
    if (!isCallName(name)) return sendJson(res, 404, fail('UNKNOWN_CALL', `There is no call named "${name}".`));
    sendJson(res, 200, await core.dispatch(callerFor(entry), name, input));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    sse.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      sse.delete(res);
    });
  }

  const unsubscribe = core.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sse) res.write(frame);
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    setSecurityHeaders(res);
    if (!fromOwnOrigin(req, port)) return sendText(res, 403, 'Gangbord answers only its own page on this machine.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === webHostPaths.launch) return handleLaunch(req, res);
    if (url.pathname.startsWith('/api/')) {
      // The event stream cannot send headers (EventSource), so its key comes in the query; see the design note.
      const given = req.headers[webHostPaths.keyHeader] ?? (url.pathname === webHostPaths.events ? url.searchParams.get('key') : null);
      const entry = keys.page(typeof given === 'string' ? given : undefined);
      if (!entry) return sendJson(res, 401, fail('BAD_SENDER', 'Open the address the web host printed when it started (it carries a one-time key).'));
      const call = CALL_PATH.exec(url.pathname);
      if (call) return handleCall(req, res, call[1]!, entry);
      if (url.pathname === webHostPaths.events) return handleEvents(req, res);
      return sendJson(res, 404, fail('UNKNOWN_CALL', 'No such path.'));
    }
    // The page and its assets hold no secret: they are served without a key; every answer with data needs one.
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET here.');
    if (url.pathname === '/') {
      res.writeHead(303, { Location: `${page}${url.search}` });
      return res.end();
    }
    // Compared as the file system would read it: `/%73taff.html` is /staff.html.
    const path = decodedPath(url.pathname);
    if (path === null) return sendText(res, 404, 'Not found.');
    if (path === otherPage) return sendText(res, 404, `This host runs in ${mode} mode.`);
    const found = resolveStatic(options.rendererDir, url.pathname);
    if (!found) return sendText(res, 404, 'Not found.');
    res.writeHead(200, { 'Content-Type': found.type, 'Cache-Control': found.type.startsWith('text/html') ? 'no-store' : 'no-cache' });
    if (req.method === 'HEAD') return res.end();
    streamFile(found.file).on('error', () => res.destroy()).pipe(res);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log.error('web.request-failed', { path: req.url?.split('?')[0], error });
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'The web host failed on this request; the log has details.'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${page}#launch=${keys.launchKey}`,
    async close() {
      unsubscribe();
      for (const res of sse) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
