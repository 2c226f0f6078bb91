/**
 * A browser, as far as a sign-in needs one, for tests without Playwright: follows the provider's redirects with its
 * cookies, posts its sign-in form, and stops at the redirect back to Gangbord (the address the page would finish with).
 */
export async function driveSignIn(authorizationUrl: string, login: { account: string; mfa: boolean }): Promise<string> {
  const cookies = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = authorizationUrl;
  let body: URLSearchParams | null = null;
  for (let hops = 0; hops < 10; hops++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET', redirect: 'manual', body: body ?? undefined,
      headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    remember(res);
    body = null;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url).toString();
      if (!next.startsWith(new URL(authorizationUrl).origin)) return next; // back to Gangbord
      url = next;
      continue;
    }
    const html = await res.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} without a form or a redirect: ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    body = new URLSearchParams({ account: login.account, ...(login.mfa ? { mfa: '1' } : {}) });
  }
  throw new Error('the sign-in did not come back within 10 redirects');
}
