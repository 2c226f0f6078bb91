import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppMode } from '@shared/contract';
import { totpCode } from '../core/testing/staffSession';
import { startCore } from '../core/testing/startedCore';
import { useTempDirs } from '../core/testing/tempDir';
import { startWebHost, type WebHost } from './server';

const tempDir = useTempDirs();
const hosts: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of hosts.splice(0)) await close();
});

/** What the page does first: trades the launch key from the printed address's fragment for its page key. */
async function launch(web: WebHost): Promise<{ status: number; key: string | null }> {
  const url = new URL(web.url);
  const response = await fetch(`${url.origin}/api/launch`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: url.origin }, body: JSON.stringify({ launch: url.hash.replace('#launch=', '') }),
  });
  const body = (await response.json()) as { key?: string };
  return { status: response.status, key: body.key ?? null };
}

async function host(mode: AppMode = 'kiosk') {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'kiosk.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'staff.html'), '<!doctype html><title>staff</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const { core, log } = await startCore(join(dir, 'data'), { mode });
  const web: WebHost = await startWebHost({ core, mode, rendererDir, port: 0, log });
  hosts.push(async () => {
    await web.close();
    await core.stop();
  });
  const base = new URL(web.url).origin;
  const { key } = await launch(web);
  return { web, base, key: key!, core };
}

/** fetch() may not set Host; a raw request can, as a DNS-rebinding page's browser would. */
function statusWithHost(base: string, key: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/call/clock.now`, { method: 'POST', headers: { 'x-gangbord-key': key, host, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

const call = (base: string, key: string | null, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, ...(key ? { 'x-gangbord-key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the web host', () => {
  it('prints an address whose fragment carries a launch key, trades it once for a page key, and sets no cookie', async () => {
    const { web, base } = await host();
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kiosk\.html#launch=[\w-]{43}$/);
    // A second page with the same address gets nothing: the launch key is used up.
    expect(await launch(web)).toEqual({ status: 410, key: null });
    const page = await fetch(`${base}/kiosk.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves the contract: a kiosk call answers with an envelope', async () => {
    const { base, key } = await host();
    const response = await call(base, key, 'kiosk.nowNext', {});
    expect(response.headers.get('set-cookie')).toBeNull();
    const body = (await response.json()) as { ok: boolean; value: { rooms: { room: { code: string } }[] } };
    expect(body.ok).toBe(true);
    expect(body.value.rooms.map((r) => r.room.code)).toEqual(['A1.01', 'A1.02', 'B0.10']);
  });

  it('refuses every call without the page key, with a wrong one, from another host or origin', async () => {
    const { base, key } = await host();
    expect((await call(base, null, 'clock.now', {})).status).toBe(401);
    expect((await call(base, 'guess', 'clock.now', {})).status).toBe(401);
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const wrongLaunch = await fetch(`${base}/api/launch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"launch":"guess"}' });
    expect(wrongLaunch.status).toBe(401);
    expect((await call(base, key, 'clock.now', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await statusWithHost(base, key, 'evil.example')).toBe(403); // DNS rebinding: a foreign Host
    expect(await statusWithHost(base, key, new URL(base).host)).toBe(200);
  });

  it('gives a server on another loopback port nothing to replay: the browser sends it no cookie of ours', async () => {
    const { base, key } = await host();
    // What a page served from another port on 127.0.0.1 would receive from the browser: cookies are per host, not
    // per port, so before this change it got the session. Now the only secret is a header our page sends to us.
    const seen: string[] = [];
    const other = createServer((req, res) => {
      seen.push(req.headers.cookie ?? '');
      res.end('ok');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    hosts.push(() => new Promise<void>((resolve) => other.close(() => resolve())));
    const answer = await call(base, key, 'kiosk.nowNext', {});
    expect(answer.headers.get('set-cookie')).toBeNull();
    await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    expect(seen).toEqual(['']);
  });

  it('answers bad requests with envelope errors, not crashes', async () => {
    const { base, key } = await host();
    expect(await (await call(base, key, 'kiosk.nowNext', '{not json')).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await call(base, key, 'kiosk.nowNext', { at: 'now' })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await call(base, key, 'no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await (await call(base, key, 'sync.runNow', {})).json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await call(base, key, 'clock.now', 'x'.repeat(2 * 1024 * 1024))).status).toBe(400);
    expect((await call(base, key, 'clock.now', {})).status).toBe(200); // and it is still serving
  });

  it('never serves files outside the renderer, nor the other mode\'s page however its path is spelled', async () => {
    const { base } = await host();
    const staffPaths = ['/staff.html', '/%73taff.html', '/%2Fstaff.html', '/./staff.html', '//staff.html', '/x/../staff.html', '/%2e/staff.html'];
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00kiosk.html', ...staffPaths]) {
      const response = await fetch(`${base}${path}`);
      // `//staff.html` reads as a host name to a URL parser: it lands on this host's own page, never the other.
      if (!path.startsWith('//')) expect(response.status, path).toBe(404);
      const text = await response.text();
      expect(text).not.toContain('outside the renderer');
      expect(text, path).not.toContain('<title>staff</title>');
    }
  });

  it('pushes core events to the page as server-sent events', async () => {
    const { base, key, core } = await host();
    const abort = new AbortController();
    const response = await fetch(`${base}/api/events?key=${encodeURIComponent(key)}`, { signal: abort.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const received = (async () => {
      let text = '';
      while (!text.includes('event: sync.status')) text += new TextDecoder().decode((await reader.read()).value);
      return text;
    })();
    await new Promise((r) => setTimeout(r, 50));
    void core.syncNow();
    expect(await received).toMatch(/event: sync.status\ndata: \{.*"state":"running"/);
    abort.abort();
  });
});

describe('the web host in staff mode', () => {
  it('keeps a sign-in beside its page key, so another page is not signed in, and signing out ends it', async () => {
    const { base, key } = await host('staff');
    const setup = await call(base, key, 'auth.setup', { username: 'beheer', displayName: 'Beheer', password: 'correct horse battery' });
    expect(setup.headers.get('set-cookie')).toBeNull();
    const { value } = (await setup.json()) as { value: { totp: { secret: string } } };
    const verified = await call(base, key, 'auth.verifyTotp', { code: totpCode(value.totp.secret, Date.parse('2026-11-24T07:45:00Z')) });
    expect(await verified.json()).toMatchObject({ ok: true });
    expect(await (await call(base, key, 'accounts.list', {})).json()).toMatchObject({ ok: true });
    // No key, no session: there is nothing else a request could carry to be this page.
    expect((await call(base, null, 'accounts.list', {})).status).toBe(401);

    expect(await (await call(base, key, 'auth.signOut', {})).json()).toMatchObject({ ok: true });
    expect(await (await call(base, key, 'accounts.list', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
