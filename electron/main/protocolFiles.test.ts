import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppFile, responseHeaders } from './protocolFiles';

const root = resolve('/srv/gangbord/out/renderer');

describe('resolveAppFile', () => {
  it('maps a page and its assets into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://gangbord/kiosk.html')).toEqual({ ok: true, file: join(root, 'kiosk.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile(root, 'app://gangbord/assets/kiosk-abc.js?v=1#x')).toMatchObject({ ok: true, file: join(root, 'assets', 'kiosk-abc.js') });
  });

  it('keeps dot segments that URL parsing resolves inside the renderer folder', () => {
    // The URL parser already turns "/../main/x" into "/main/x": harmless, it names a file under the root.
    for (const url of ['app://gangbord/../main/index.js', 'app://gangbord/%2e%2e/main/index.js', 'app://gangbord/a/../../../main/index.js']) {
      expect(resolveAppFile(root, url)).toEqual({ ok: true, file: join(root, 'main', 'index.js'), contentType: 'text/javascript; charset=utf-8' });
    }
  });

  it('refuses every way out of the renderer folder', () => {
    const attempts = [
      'app://gangbord/assets/%2e%2e%2f..%2fmain%2findex.js',
      'app://gangbord/..%2f..%2fetc%2fpasswd.txt',
      'app://gangbord/..%5c..%5cwindows%5cwin.ini.txt',
      'app://gangbord/assets%5c..%5c..%5csecret.json',
      'app://gangbord/C:%5cWindows%5cwin.ini.txt',
      'app://gangbord/kiosk.html%00.png',
      'app://gangbord/%E0%A4%A',
    ];
    for (const url of attempts) expect(resolveAppFile(root, url).ok, url).toBe(false);
  });

  it('serves only our host, with GET or HEAD, and only known file types', () => {
    expect(resolveAppFile(root, 'app://evil/kiosk.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAppFile(root, 'app://gangbord/kiosk.html', 'POST')).toEqual({ ok: false, status: 405 });
    expect(resolveAppFile(root, 'app://gangbord/kiosk.html', 'HEAD').ok).toBe(true);
    expect(resolveAppFile(root, 'app://gangbord/')).toEqual({ ok: false, status: 404 });
    expect(resolveAppFile(root, 'app://gangbord/assets/')).toEqual({ ok: false, status: 404 });
    expect(resolveAppFile(root, 'app://gangbord/assets/index.js.map')).toEqual({ ok: false, status: 404 });
    expect(resolveAppFile(root, 'not a url')).toEqual({ ok: false, status: 400 });
  });
});

describe('responseHeaders', () => {
  it('carries the strict policy: own scripts only, no network, no framing', () => {
    const headers = responseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
