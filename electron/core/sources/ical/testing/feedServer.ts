import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upstreamFixture } from '../../../testing/upstreamFixtures';

/*
 * Test helpers for the iCalendar connector: a real HTTP server on 127.0.0.1 that serves feeds and misbehaves on
 * request, and paths to the fixtures.
 */

/** The connector's folder: its fixtures are beside this testing/ folder. */
const here = fileURLToPath(new URL('..', import.meta.url));

/** Real upstream samples, referenced in place (../shared/fixtures/upstream; see docs/upstream-formats.md §5). */
export const upstreamSample = (name: string) => upstreamFixture(join('icalendar', name));
/** Gangbord's own feeds for what the samples do not show (DST, overrides, cancellations). */
export const ownFixture = (name: string) => join(here, 'fixtures', name);
export const readText = (path: string) => readFileSync(path, 'utf8');

export type Reply =
  | { kind?: 'answer'; status?: number; headers?: Record<string, string>; body?: string | Uint8Array }
  /** The connection is cut before any answer. */
  | { kind: 'reset' }
  /** Headers promise `declaredLength` bytes, part of the body is sent, then the connection is cut. */
  | { kind: 'truncate'; body: string; declaredLength: number }
  /** 200 and then one byte every `intervalMs`, never finishing. */
  | { kind: 'trickle'; intervalMs: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' };

export type Route = Reply | ((req: IncomingMessage) => Reply);

export interface FeedServer {
  /** http://127.0.0.1:<port><path> */
  url(path: string): string;
  route(path: string, route: Route): void;
  /** Requests seen, in order: path and headers. */
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export const calendarReply = (body: string | Uint8Array, extra: Record<string, string> = {}): Reply => ({
  status: 200, headers: { 'content-type': 'text/calendar; charset=utf-8', ...extra }, body,
});

function answer(res: ServerResponse, reply: Extract<Reply, { kind?: 'answer' }>): void {
  const body = reply.body ?? '';
  res.writeHead(reply.status ?? 200, { 'content-length': String(Buffer.byteLength(body)), ...reply.headers });
  res.end(body);
}

export async function startFeedServer(routes: Record<string, Route> = {}): Promise<FeedServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: FeedServer['requests'] = [];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    const route = table.get(path);
    const reply: Reply = route === undefined ? { status: 404, body: 'not here' } : typeof route === 'function' ? route(req) : route;
    switch (reply.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'truncate':
        res.writeHead(200, { 'content-type': 'text/calendar', 'content-length': String(reply.declaredLength) });
        res.write(reply.body, () => res.socket?.destroy());
        return;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'text/calendar' });
        res.write('BEGIN:VCALENDAR\r\n');
        const timer = setInterval(() => {
          if (res.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
          } else res.write('X');
        }, reply.intervalMs);
        timers.add(timer);
        return;
      }
      default:
        answer(res, reply);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, route) => void table.set(path, route),
    requests,
    async close() {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
