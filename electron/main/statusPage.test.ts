import { describe, expect, it } from 'vitest';
import { outOfServicePage, startupErrorPage, statusPageUrl } from './statusPage';

const html = (url: string) => decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));

describe('status pages', () => {
  it('show the error message as text, never as markup', () => {
    const page = html(statusPageUrl(startupErrorPage('Bad <img src=x onerror=alert(1)> & "quotes"', { dark: true, retryMinutes: 5, logFile: '/data/logs/gangbord.log' })));
    expect(page).toContain('Bad &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(page).not.toContain('<img');
    expect(page).toContain('Gangbord kon niet starten');
    expect(page).toContain('over 5 minuten opnieuw');
    expect(page).toContain('Details: /data/logs/gangbord.log');
  });

  it('carry no script and a policy that allows none', () => {
    const page = html(statusPageUrl(outOfServicePage(30_000)));
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain("default-src 'none'; style-src 'unsafe-inline'");
    expect(page).toContain('Tijdelijk buiten gebruik');
    expect(page).toContain('volgende poging over 30 s');
  });

  it('say when the out-of-service page tries again, in minutes once it is a minute or more', () => {
    expect(html(statusPageUrl(outOfServicePage(5 * 60_000)))).toContain('volgende poging over 5 minuten. / This screen recovers by itself; next attempt in 5 minutes.');
    expect(html(statusPageUrl(outOfServicePage(60_000)))).toContain('over 1 minuut');
  });

  it('leave out the retry line when there is no retry', () => {
    expect(html(statusPageUrl(startupErrorPage('x', { dark: false, retryMinutes: null, logFile: null })))).not.toContain('opnieuw');
  });
});
