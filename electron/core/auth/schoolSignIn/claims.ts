import type { StaffRole } from '@shared/domain';
import type { SchoolSignIn } from '@shared/settings';

/** The claims Gangbord reads from a school account's ID token. */
export interface SchoolClaims {
  iss: string;
  sub: string;
  email: string | null;
  name: string | null;
  groups: string[];
  /** The token has no groups claim at all (Google Workspace never sends one): roles then come from the staff list. */
  groupsMissing: boolean;
  secondFactor: boolean;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** The checked ID token's claims as Gangbord uses them; a second factor when the provider's amr or acr says so. */
export function readClaims(claims: Record<string, unknown>, settings: SchoolSignIn): SchoolClaims {
  const rawGroups = claims[settings.groupsClaim];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : typeof rawGroups === 'string' ? [rawGroups] : [];
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : [];
  const acr = text(claims.acr);
  // An e-mail address counts only when the provider says it checked it (Entra's v2 tokens: `email` is the sign-in name).
  const email = claims.email_verified === false ? null : text(claims.email) ?? text(claims.preferred_username);
  return {
    iss: String(claims.iss), sub: String(claims.sub), email: email?.includes('@') ? email.toLowerCase() : null, name: text(claims.name), groups,
    groupsMissing: rawGroups === undefined,
    secondFactor: amr.some((a) => settings.secondFactorAmr.includes(a)) || (acr !== null && settings.secondFactorAcr.includes(acr)),
  };
}

/** The role the account's groups give: administrator over teacher; null when no listed group has it. */
export function roleFromGroups(groups: readonly string[], settings: SchoolSignIn): StaffRole | null {
  const roles = settings.roles.filter((r) => groups.includes(r.group)).map((r) => r.role);
  return roles.includes('admin') ? 'admin' : roles.includes('teacher') ? 'teacher' : null;
}
