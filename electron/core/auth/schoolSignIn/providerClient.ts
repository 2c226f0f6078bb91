import * as oidc from 'openid-client';
import type { SchoolSignIn } from '@shared/settings';

/** A discovered provider is asked again after this long (its keys and endpoints may change). */
const DISCOVERY_TTL_MS = 60 * 60_000;

export interface ProviderClientOptions {
  /** The HTTP client (openid-client's customFetch); tests pass one that changes what the provider answered. */
  fetch?: typeof fetch;
}

const isLoopback = (issuer: string) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(issuer);

/**
 * openid-client configured for the school's provider: discovery by issuer (so the issuer in the document must be the
 * one configured), ID token signatures checked against the provider's keys (non-repudiation checks: openid-client
 * skips them by default for tokens from the token endpoint), plain http only for a provider on this machine.
 */
export function createProviderClient(options: ProviderClientOptions = {}) {
  const cache = new Map<string, { config: oidc.Configuration; at: number }>();

  async function configFor(settings: SchoolSignIn, secret: string | null, now: number): Promise<oidc.Configuration> {
    const key = JSON.stringify([settings.issuer, settings.clientId, secret !== null]);
    const hit = cache.get(key);
    if (hit && now - hit.at < DISCOVERY_TTL_MS) return hit.config;
    const execute: ((c: oidc.Configuration) => void)[] = [oidc.enableNonRepudiationChecks];
    if (isLoopback(settings.issuer)) execute.push(oidc.allowInsecureRequests);
    const config = await oidc.discovery(
      new URL(settings.issuer), settings.clientId, secret ?? undefined, secret === null ? oidc.None() : oidc.ClientSecretPost(secret),
      { execute, timeout: 15, ...(options.fetch ? { [oidc.customFetch]: options.fetch } : {}) },
    );
    if (options.fetch) config[oidc.customFetch] = options.fetch;
    cache.set(key, { config, at: now });
    return config;
  }

  return {
    configFor,
    /** Forgets a provider's document, e.g. after its keys changed under a running sign-in. */
    forget: () => cache.clear(),
  };
}

export type ProviderClient = ReturnType<typeof createProviderClient>;
