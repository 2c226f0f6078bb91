import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A school account at the test provider: who they are and which groups they are in. */
export interface TestAccount {
  email: string;
  name: string;
  /** None at all: the provider sends no groups claim (as Google Workspace). */
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  /** The provider's signing key, private part included: a test signs a changed token with it, or with another key. */
  signingKey: { privateKey: SigningKey; kid: string };
  accounts: Map<string, TestAccount>;
  stop(): Promise<void>;
}

const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test school sign-in</title></head><body>${body}</body></html>`;

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID provider (oidc-provider, the certified implementation) on 127.0.0.1, as a school's Entra ID or Google
 * Workspace would be: discovery, keys, authorization code with PKCE required, ID tokens with `groups`, `email` and
 * `amr`. Its sign-in page is a plain form (which account, and whether a second factor was used), so a browser test
 * signs in as a person would and a node test can post the same form.
 */
export async function startTestProvider(accounts: Record<string, TestAccount>): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'school-key-1';
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const known = new Map(Object.entries(accounts));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'gangbord-staff';

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, application_type: 'native', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'],
      // RFC 8252: a native app's loopback redirect may use any port; these are the web host's page and the desktop app's listener.
      redirect_uris: ['http://127.0.0.1/staff.html', 'http://127.0.0.1/oidc/callback'],
    }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['gangbord-test-cookie-key'] },
    claims: { acr: null, amr: null, auth_time: null, iss: null, sid: null, openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // Claims in the ID token itself, as Entra puts `groups` there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, claimsParameter: { enabled: true } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const account = known.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }) };
    },
  });
  const callback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    // A browser asks every origin for its icon; a real provider has one.
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!interaction) return callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (!interaction[2]) {
          const options = [...known.keys()].map((id) => `<option value="${id}">${id}</option>`).join('');
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end(page(`<h1>School sign-in</h1><form method="post" action="/interaction/${details.uid}/login">
            <label>Account <select name="account">${options}</select></label>
            <label><input type="checkbox" name="mfa" value="1"> Signed in with a second factor</label>
            <button type="submit">Sign in</button></form>`));
          return;
        }
        const submitted = await form(req);
        const accountId = submitted.get('account') ?? '';
        const grant = new provider.Grant({ accountId, clientId });
        grant.addOIDCScope('openid profile email');
        const grantId = await grant.save();
        const amr = submitted.get('mfa') === '1' ? ['pwd', 'mfa'] : ['pwd'];
        await provider.interactionFinished(req, res, { login: { accountId, amr }, consent: { grantId } }, { mergeWithLastSubmission: false });
      } catch (error) {
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end(`interaction failed: ${(error as Error).message}`);
      }
    })();
  });

  return {
    issuer, clientId, signingKey: { privateKey, kid }, accounts: known,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
