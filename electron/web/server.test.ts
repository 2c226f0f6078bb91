import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../core/testing/staffSession';
import { startCore } from '../core/testing/startedCore';
import { useTempDirs } from '../core/testing/tempDir';
import { startWebHost, type WebHost } from './server';

const tempDir = useTempDirs();
const hosts: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of hosts.splice(0)) await close();
});

async function host() {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'kiosk.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(rendererDir, 'staff.html'), '<!doctype html><title>staff</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const { core, log } = await startCore(join(dir, 'data'));
  const web: WebHost = await startWebHost({ core, mode: 'kiosk', rendererDir, port: 0, log });
  hosts.push(async () => {
    await web.close();
    await core.stop();
  });
  const url = new URL(web.url);
  const base = `${url.protocol}//${url.host}`;
  const login = await fetch(web.url, { redirect: 'manual' });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return { web, base, cookie, login, core };
}

/** fetch() may not set Host; a raw request can, as a DNS-rebinding page's browser would. */
function statusWithHost(base: string, cookie: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/kiosk.html`, { headers: { cookie, host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const call = (base: string, cookie: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: base, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('the web host', () => {
  it('turns the one-time link into an HttpOnly, SameSite=Strict session and sends the page with a CSP', async () => {
    const { login, base, cookie } = await host();
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/kiosk.html');
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await fetch(`${base}/kiosk.html`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves the contract: a kiosk call answers with an envelope', async () => {
    const { base, cookie } = await host();
    const response = await call(base, cookie, 'kiosk.nowNext', {});
    const body = (await response.json()) as { ok: boolean; value: { rooms: { room: { code: string } }[] } };
    expect(body.ok).toBe(true);
    expect(body.value.rooms.map((r) => r.room.code)).toEqual(['A1.01', 'A1.02', 'B0.10']);
  });

  it('refuses everything without the session, with a wrong link, from another host or origin', async () => {
    const { base, cookie, web } = await host();
    expect((await fetch(`${base}/kiosk.html`)).status).toBe(401);
    expect((await call(base, 'gangbord_session=wrong', 'clock.now', {})).status).toBe(401);
    expect((await fetch(web.url.replace(/token=.*/, 'token=guess'))).status).toBe(401);
    expect((await call(base, cookie, 'clock.now', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await statusWithHost(base, cookie, 'evil.example')).toBe(403); // DNS rebinding: a foreign Host
    expect(await statusWithHost(base, cookie, new URL(base).host)).toBe(200);
  });

  it('answers bad requests with envelope errors, not crashes', async () => {
    const { base, cookie } = await host();
    expect(await (await call(base, cookie, 'kiosk.nowNext', '{not json')).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await call(base, cookie, 'kiosk.nowNext', { at: 'now' })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await (await call(base, cookie, 'no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await (await call(base, cookie, 'sync.runNow', {})).json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await call(base, cookie, 'clock.now', 'x'.repeat(2 * 1024 * 1024))).status).toBe(400);
    expect((await call(base, cookie, 'clock.now', {})).status).toBe(200); // and it is still serving
  });

  it('never serves files outside the renderer, nor the other mode\'s page', async () => {
    const { base, cookie } = await host();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00kiosk.html', '/staff.html']) {
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('outside the renderer');
    }
  });

  it('pushes core events to the page as server-sent events', async () => {
    const { base, cookie, core } = await host();
    const abort = new AbortController();
    const response = await fetch(`${base}/api/events`, { headers: { cookie }, signal: abort.signal });
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
  it('keeps a sign-in in its own HttpOnly cookie, so another browser is not signed in, and signing out ends it', async () => {
    const dir = tempDir();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'staff.html'), '<!doctype html><title>staff</title>');
    const { core, log } = await startCore(join(dir, 'data'), { mode: 'staff' });
    const web = await startWebHost({ core, mode: 'staff', rendererDir, port: 0, log });
    hosts.push(async () => {
      await web.close();
      await core.stop();
    });
    const base = new URL(web.url).origin;
    const cookie = (await fetch(web.url, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    const setup = await call(base, cookie, 'auth.setup', { username: 'beheer', displayName: 'Beheer', password: 'correct horse battery' });
    const staffCookie = setup.headers.get('set-cookie') ?? '';
    expect(staffCookie).toMatch(/^gangbord_staff=[^;]+; HttpOnly; SameSite=Strict/);
    const { value } = (await setup.json()) as { value: { totp: { secret: string } } };
    expect(JSON.stringify(value)).not.toContain(staffCookie.split(';')[0]!.split('=')[1]!);

    const both = `${cookie}; ${staffCookie.split(';')[0]}`;
    const verified = await call(base, both, 'auth.verifyTotp', { code: totpCode(value.totp.secret, Date.parse('2026-11-24T07:45:00Z')) });
    expect(await verified.json()).toMatchObject({ ok: true });
    const signedIn = `${cookie}; ${verified.headers.get('set-cookie')!.split(';')[0]}`;
    expect(await (await call(base, signedIn, 'accounts.list', {})).json()).toMatchObject({ ok: true });
    expect(await (await call(base, cookie, 'accounts.list', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const out = await call(base, signedIn, 'auth.signOut', {});
    expect(out.headers.get('set-cookie')).toMatch(/^gangbord_staff=; .*Max-Age=0/);
    expect(await (await call(base, signedIn, 'accounts.list', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
