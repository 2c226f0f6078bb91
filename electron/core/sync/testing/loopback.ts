import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** A request as the test server saw it, for assertions ("no isStudent in kiosk scope", "every call had fields="). */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** How a request can go wrong, on the wire. */
export type Fault =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'body'; body: string; status?: number; contentType?: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Drops the connection with a TCP reset. */
  | { kind: 'reset' }
  /** Promises a long body, sends half of `body`, then closes. */
  | { kind: 'truncate'; body: string }
  /** Sends a byte now and then and never finishes. */
  | { kind: 'trickle'; everyMs?: number };

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export type Handler = (req: SeenRequest) => Reply | Fault | Promise<Reply | Fault>;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const isFault = (r: Reply | Fault): r is Fault => 'kind' in r;

/** Writes a fault to the wire. Hanging and trickling responses end when the server closes. */
export function sendFault(req: IncomingMessage, res: ServerResponse, fault: Fault, timers: Set<NodeJS.Timeout>): void {
  switch (fault.kind) {
    case 'status':
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(fault.body ?? '');
      return;
    case 'body':
      res.writeHead(fault.status ?? 200, { 'content-type': fault.contentType ?? 'application/json' }).end(fault.body);
      return;
    case 'hang':
      return;
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'truncate': {
      const bytes = Buffer.from(fault.body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => req.socket.destroy());
      return;
    }
    case 'trickle': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' });
      res.write('{');
      const timer = setInterval(() => res.write(' '), fault.everyMs ?? 100);
      timers.add(timer);
      res.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
      return;
    }
  }
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) for connector tests: the connectors talk to it over TCP exactly as
 * they would to a school's server. `close` drops every connection, hanging ones included.
 */
export async function startLoopback(handler: Handler): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      Promise.resolve()
        .then(() => handler(seen))
        .then((reply) => {
          if (isFault(reply)) return sendFault(req, res, reply, timers);
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers }).end(reply.body);
        })
        .catch((error: unknown) => {
          // A bug in a test server shows as a 500 with its message, not as a hang.
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`test server error: ${(error as Error).message}`);
        });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the loopback server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** One planned fault: for requests that `match`, `times` times (default: every time). */
export interface PlannedFault {
  match: (req: SeenRequest) => boolean;
  fault: Fault;
  times?: number;
}

/** The first planned fault that matches the request (counting it down), if any. */
export function takeFault(faults: PlannedFault[], req: SeenRequest): Fault | null {
  const i = faults.findIndex((f) => f.match(req));
  if (i < 0) return null;
  const planned = faults[i]!;
  if (planned.times !== undefined && --planned.times <= 0) faults.splice(i, 1);
  return planned.fault;
}
