// The plain pages main shows when the app itself cannot: a startup failure, or a renderer that keeps crashing.
// Static HTML in a data: URL, no script at all, so it shows even when the built renderer or the preload is the
// problem. No Electron import: unit-tested under Node.

export interface StatusPage {
  /** Dutch first (the schools' language), English below. */
  title: { nl: string; en: string };
  lines: string[];
  /** Light text on black for a corridor screen; dark on white for a staff PC. */
  dark: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function statusPageUrl(page: StatusPage): string {
  const [fg, bg] = page.dark ? ['#f2f2f2', '#000000'] : ['#1a1a1a', '#ffffff'];
  const html = '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
    + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
    + '<title>Gangbord</title><style>body{margin:0;min-height:100vh;display:flex;flex-direction:column;justify-content:center;'
    + `padding:6vmin;box-sizing:border-box;font:2.4vmin/1.5 system-ui,sans-serif;color:${fg};background:${bg}}`
    + 'h1{font-size:5vmin;margin:0 0 .2em}h2{font-size:3vmin;font-weight:normal;margin:0 0 2em;opacity:.8}'
    + 'p{max-width:70em;margin:.4em 0;white-space:pre-wrap;overflow-wrap:anywhere}</style></head><body>'
    + `<h1>${escapeHtml(page.title.nl)}</h1><h2 lang="en">${escapeHtml(page.title.en)}</h2>`
    + page.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')
    + '</body></html>';
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export function startupErrorPage(message: string, options: { dark: boolean; retryMinutes: number | null; logFile: string | null }): StatusPage {
  const { dark, retryMinutes, logFile } = options;
  return {
    title: { nl: 'Gangbord kon niet starten', en: 'Gangbord could not start' },
    lines: [
      message,
      ...(logFile ? [`Details: ${logFile}`] : []),
      ...(retryMinutes ? [`Gangbord probeert het over ${retryMinutes} minuten opnieuw. / Gangbord tries again in ${retryMinutes} minutes.`] : []),
    ],
    dark,
  };
}

/** "5 minuten" / "5 minutes", or seconds under a minute. */
function waitText(ms: number): { nl: string; en: string } {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return { nl: `${seconds} s`, en: `${seconds} s` };
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? { nl: '1 minuut', en: '1 minute' } : { nl: `${minutes} minuten`, en: `${minutes} minutes` };
}

/** The page a kiosk shows after a crash loop, until a retry brings the app's page back. */
export function outOfServicePage(retryInMs: number): StatusPage {
  const wait = waitText(retryInMs);
  return {
    title: { nl: 'Tijdelijk buiten gebruik', en: 'Temporarily out of service' },
    lines: [
      `Het scherm herstelt zich vanzelf; volgende poging over ${wait.nl}. / This screen recovers by itself; next attempt in ${wait.en}.`,
      'Blijft dit zo, meld het dan bij de ICT-beheerder. / If it stays like this, please tell the IT administrator.',
    ],
    dark: true,
  };
}
