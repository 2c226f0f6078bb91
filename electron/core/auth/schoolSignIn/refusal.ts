import * as oidc from 'openid-client';
import type { SchoolSignInRefusal } from '@shared/contract';

/** A refused school sign-in: the reason the page words, and the technical detail the audit log keeps. */
export class SchoolSignInRefused extends Error {
  constructor(readonly reason: SchoolSignInRefusal, detail: string) {
    super(detail);
    this.name = 'SchoolSignInRefused';
  }
}

/**
 * What openid-client's checks mean to an administrator. Its ClientError codes name the check (a JWT claim compared,
 * a signature, a timestamp); the message names the claim. A provider's own refusal (invalid_grant: a code used
 * twice, or too old) comes as a ResponseBodyError.
 */
export function refusalOf(error: unknown): SchoolSignInRefused {
  if (error instanceof SchoolSignInRefused) return error;
  // The check that failed is named down the cause chain: "unexpected JWT "aud" (audience) claim value", {claim: 'aud'}.
  const chain: unknown[] = [];
  for (let e: unknown = error; e !== undefined && e !== null && chain.length < 4; e = (e as { cause?: unknown }).cause) chain.push(e);
  const message = chain.map((e) => (e instanceof Error ? e.message : typeof (e as { claim?: unknown }).claim === 'string' ? `"${(e as { claim: string }).claim}"` : String(e))).join(': ');
  const code = (error as { code?: unknown })?.code;
  if (error instanceof oidc.ResponseBodyError) return new SchoolSignInRefused('code-refused', `${error.error}: ${error.error_description ?? message}`);
  if (error instanceof oidc.AuthorizationResponseError) return new SchoolSignInRefused('provider-error', `${error.error}: ${error.error_description ?? ''}`);
  if (/"iss"|issuer/i.test(message)) return new SchoolSignInRefused('wrong-issuer', message);
  if (/"aud"|audience|"azp"/i.test(message)) return new SchoolSignInRefused('wrong-audience', message);
  if (/"exp"|expired|"iat"|"nbf"|timestamp/i.test(message)) return new SchoolSignInRefused('token-expired', message);
  if (/"nonce"/i.test(message)) return new SchoolSignInRefused('replayed', message);
  if (/signature|JWS|jwk|alg|key/i.test(message) || code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return new SchoolSignInRefused('bad-signature', message);
  if (error instanceof TypeError || /fetch failed|ECONNREFUSED|ENOTFOUND|timed? ?out/i.test(message)) return new SchoolSignInRefused('unreachable', message);
  return new SchoolSignInRefused('other', message);
}
