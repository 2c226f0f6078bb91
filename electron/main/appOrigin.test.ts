import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appRenderer, isSameOrigin, originOf, rendererLocation } from './appOrigin';

describe('originOf', () => {
  it('gives our scheme a real origin, which Node alone would call "null"', () => {
    expect(new URL('app://gangbord/kiosk.html').origin).toBe('null');
    expect(originOf('app://gangbord/kiosk.html')).toBe(APP_ORIGIN);
    expect(originOf('app://GANGBORD/staff.html')).toBe(APP_ORIGIN);
  });

  it('tells another host on our scheme apart from ours', () => {
    expect(isSameOrigin('app://evil/kiosk.html', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('app://gangbord.evil/kiosk.html', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('app://gangbord:99/kiosk.html', APP_ORIGIN)).toBe(false);
  });

  it('does not let look-alike URLs through (compares origins, not prefixes)', () => {
    for (const url of ['https://example.com', 'app://gangbord@evil.example/', 'https://app//gangbord', 'file:///app/gangbord/kiosk.html', 'data:text/html,hi', 'about:blank', 'javascript:alert(1)', '']) {
      expect(isSameOrigin(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('has no origin for opaque URLs', () => {
    expect(originOf('data:text/html,x')).toBeNull();
    expect(originOf('app:gangbord/kiosk.html')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });
});

describe('rendererLocation', () => {
  it('serves pages from our scheme', () => {
    expect(appRenderer.pageUrl('kiosk')).toBe('app://gangbord/kiosk.html');
    expect(appRenderer.pageUrl('staff')).toBe('app://gangbord/staff.html');
  });

  it('uses the dev server only when not packaged, and only on loopback', () => {
    expect(rendererLocation(false, 'http://localhost:5173/').pageUrl('kiosk')).toBe('http://localhost:5173/kiosk.html');
    expect(rendererLocation(true, 'http://localhost:5173/')).toBe(appRenderer);
    expect(rendererLocation(false, 'https://evil.example/')).toBe(appRenderer);
    expect(rendererLocation(false, undefined)).toBe(appRenderer);
  });
});
