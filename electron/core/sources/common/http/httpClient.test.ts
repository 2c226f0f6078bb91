import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../source';
import { type LoopbackServer, startLoopback, type Fault, type Reply } from '../../../sync/testing/loopback';
import { guardUnhandledRejections } from '../../../sync/testing/unhandledRejections';
import { expectOk, httpRequest, mapWithLimit, parseJson, UpstreamStatusError } from '.';

guardUnhandledRejections();
const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serving(reply: Reply | Fault) {
  const server = await startLoopback(() => reply);
  servers.push(server);
  return server;
}

const get = (server: LoopbackServer, extra: Partial<Parameters<typeof httpRequest>[0]> = {}) =>
  httpRequest({ url: `${server.origin}/data?access_token=SECRET`, what: 'Test call', timeoutMs: 10_000, ...extra });

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as SourceError);

describe('the shared HTTP client', () => {
  it('returns status, headers and body; sends method, headers and body', async () => {
    const server = await serving({ status: 201, headers: { 'x-test': 'yes' }, body: 'héllo' });
    const res = await get(server, { method: 'POST', headers: { 'x-mine': '1' }, body: 'payload' });
    expect(res).toMatchObject({ status: 201, body: 'héllo' });
    expect(res.headers.get('x-test')).toBe('yes');
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: 'payload', headers: expect.objectContaining({ 'x-mine': '1' }) });
  });

  it.each<[string, Fault, string]>([
    ['a server that never answers', { kind: 'hang' }, 'UPSTREAM_TIMEOUT'],
    ['a body dribbling in', { kind: 'trickle', everyMs: 50 }, 'UPSTREAM_TIMEOUT'],
    ['a reset connection', { kind: 'reset' }, 'UPSTREAM_HTTP'],
    ['a body cut off', { kind: 'truncate', body: '{"a":"0123456789"}' }, 'UPSTREAM_HTTP'],
  ])('maps %s to a SourceError without the query string', async (_, fault, code) => {
    const server = await serving(fault);
    const error = await failure(get(server, { timeoutMs: 600 }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^Test call: /);
    expect(error.message).not.toContain('SECRET');
  });

  it('a refused connection is an upstream error too', async () => {
    const server = await serving({ body: '' });
    const origin = server.origin;
    await server.close();
    servers.length = 0;
    expect(await failure(httpRequest({ url: origin, what: 'Test call' }))).toMatchObject({ code: 'UPSTREAM_HTTP', message: expect.stringMatching(/could not connect|could not reach/) });
  });

  it('stops reading past the size cap, whether or not the server declares it', async () => {
    const declared = await serving({ body: 'x'.repeat(5000) });
    expect(await failure(get(declared, { maxBytes: 1000 }))).toMatchObject({ code: 'UPSTREAM_INVALID' });
    // Chunked, no length declared: counted while reading.
    const chunked = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('y'.repeat(64)), 1);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => chunked.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = chunked.address() as AddressInfo;
      expect(await failure(httpRequest({ url: `http://127.0.0.1:${port}/`, what: 'Test call', maxBytes: 1000, timeoutMs: 5000 }))).toMatchObject({ code: 'UPSTREAM_INVALID' });
    } finally {
      chunked.closeAllConnections();
      chunked.close();
    }
  });

  it('does not follow redirects: a credential never goes where nobody configured', async () => {
    const target = await serving({ body: 'elsewhere' });
    const server = await serving({ status: 302, headers: { location: `${target.origin}/steal` }, body: '' });
    const res = await get(server);
    expect(res.status).toBe(302);
    expect(target.requests).toHaveLength(0);
    expect(() => expectOk(res, 'Test call')).toThrow(/redirected/);
  });

  it('a stop from the caller ends the request with the caller\'s reason, not an upstream error', async () => {
    const server = await serving({ kind: 'hang' });
    const stop = new AbortController();
    const pending = get(server, { signal: stop.signal, timeoutMs: 10_000 });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    stop.abort(new Error('stopped by the test'));
    await expect(pending).rejects.toThrow('stopped by the test');
  });

  it.each<[number, string, number | null]>([
    [401, 'UPSTREAM_AUTH', null], [403, 'UPSTREAM_AUTH', null], [404, 'UPSTREAM_HTTP', null], [429, 'UPSTREAM_HTTP', 30_000],
    [500, 'UPSTREAM_HTTP', null], [503, 'UPSTREAM_HTTP', 30_000], [504, 'UPSTREAM_TIMEOUT', null],
  ])('HTTP %i is %s', async (status, code, retryAfterMs) => {
    const server = await serving({ status, headers: status === 429 || status === 503 ? { 'retry-after': '30' } : {}, body: '' });
    const res = await get(server);
    const error = (() => {
      try {
        expectOk(res, 'Test call', 'the upstream\u0000 said\nno');
        return null;
      } catch (e) {
        return e as UpstreamStatusError;
      }
    })();
    expect(error).toBeInstanceOf(UpstreamStatusError);
    expect(error).toMatchObject({ status, code, retryAfterMs });
    expect(error!.message).toContain('The server said: "the upstream said no"');
  });

  it('parses JSON with or without a BOM; anything else is UPSTREAM_INVALID', () => {
    expect(parseJson('\ufeff{"a":1}', 'x')).toEqual({ a: 1 });
    expect(() => parseJson('{"a":', 'x')).toThrow(SourceError);
    expect(() => parseJson('  ', 'x')).toThrow(/empty answer/);
  });
});

describe('parallel requests', () => {
  it('keeps input order', async () => {
    expect(await mapWithLimit([3, 1, 2], 2, undefined, async (n) => {
      await new Promise((r) => setTimeout(r, n));
      return n * 10;
    })).toEqual([30, 10, 20]);
  });

  it('on the first failure starts nothing new, stops what runs, and throws that failure', async () => {
    const started: number[] = [];
    const stopped: number[] = [];
    const error = await mapWithLimit([1, 2, 3, 4, 5, 6], 3, undefined, (n, _i, signal) => new Promise<number>((resolve, reject) => {
      started.push(n);
      if (n === 2) return reject(new SourceError('UPSTREAM_HTTP', 'two failed'));
      signal.addEventListener('abort', () => {
        stopped.push(n);
        reject(new Error('aborted'));
      });
      if (signal.aborted) reject(new Error('aborted'));
    })).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'two failed' });
    expect(started).toEqual([1, 2, 3]);
    expect(stopped.sort()).toEqual([1, 3]);
  });
});
