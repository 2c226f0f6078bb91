/**
 * The audit log's kinds, for its filter: what a privacy request or a review asks about. Zod-free, so the staff page
 * can import it without making schemas before it has switched zod's compiled checks off (its CSP allows no eval).
 */
export const AUDIT_KINDS = {
  pupil: ['pupil.card', 'pupil.photo', 'pupil.timetable', 'pupil.where-now', 'pupil.search', 'group.members'],
  signIn: ['auth.sign-in', 'auth.sign-in-failed', 'auth.sign-out', 'auth.locked', 'auth.factor', 'auth.recovery-code'],
  accounts: ['accounts.change'],
  administration: ['sources.change', 'photos.import', 'privacy.export', 'privacy.erase', 'retention.purge', 'audit.export', 'fleet.change', 'fleet.alert'],
} as const;
export type AuditKindName = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_NAMES = Object.keys(AUDIT_KINDS) as [AuditKindName, ...AuditKindName[]];
