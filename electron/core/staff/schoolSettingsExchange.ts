import type { AuditLog } from '../audit/auditLog';
import type { Accounts } from '../auth/accounts';
import { accountsToSend, takeAccounts } from '../auth/publisherAccounts';
import type { Sessions } from '../auth/sessions';
import type { SchoolSettingsBody } from '../fleet/staffPc/schoolSettings';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secretStore';
import type { SettingsStore } from '../settings/store';

/**
 * Accounts and the school sign-in set once per school (docs/fleet.md, "School settings from the publisher"): what the
 * publisher desk sends of its own, and what a staff PC in the fleet takes. Taking them is audited (as `system`), so
 * the log says when an account came, changed or went because of the publisher.
 */
export function createSchoolSettingsExchange(o: {
  accounts: Accounts;
  sessions: Sessions;
  audit: AuditLog;
  settings: SettingsStore;
  secrets: SecretStore;
  now: () => number;
  log: Logger;
}) {
  return {
    async toSend(): Promise<SchoolSettingsBody> {
      const signIn = o.settings.get().staff.schoolSignIn;
      const clientSecret = signIn?.clientSecret ? await o.secrets.get(signIn.clientSecret) : null;
      return { accounts: accountsToSend(o.accounts), schoolSignIn: signIn, clientSecret };
    },

    async take(body: SchoolSettingsBody): Promise<void> {
      const staff = o.settings.get().staff;
      if (body.schoolSignIn !== undefined && JSON.stringify(staff.schoolSignIn) !== JSON.stringify(body.schoolSignIn)) {
        o.settings.update({ staff: { ...staff, schoolSignIn: body.schoolSignIn } });
        o.audit.append('system', 'fleet.change', null, `school sign-in ${body.schoolSignIn ? `set to ${body.schoolSignIn.issuer}` : 'turned off'} by the publisher`);
      }
      const secretName = body.schoolSignIn?.clientSecret;
      const secretChanged = secretName && body.clientSecret !== null && (await o.secrets.get(secretName)) !== body.clientSecret;
      if (secretName && secretChanged) await o.secrets.set(secretName, body.clientSecret!);
      if (body.accounts === null) return;
      const taken = takeAccounts(o.accounts, o.sessions, body.accounts, o.now());
      if (taken.clashes.length) o.log.warn('fleet.accounts-clash', { usernames: taken.clashes, advice: 'a local account of that name is kept on this PC' });
      if (taken.created + taken.changed + taken.disabled > 0) {
        o.audit.append('system', 'fleet.change', null, `accounts from the publisher: ${taken.created} new, ${taken.changed} changed, ${taken.disabled} disabled`);
      }
    },
  };
}

export type SchoolSettingsExchange = ReturnType<typeof createSchoolSettingsExchange>;
