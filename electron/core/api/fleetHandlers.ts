import type { StaffUser } from '@shared/domain';
import type { AuditLog } from '../audit/auditLog';
import { CapError } from '../fleet/capAlert';
import { FleetAdminError } from '../fleet/fleetAdmin';
import { SourceError } from '../sync/errors';
import type { FleetStaff } from '../fleet/fleetStaff';
import { CallFailure } from './callFailure';
import { withPupilNames } from './pupilNames';
import type { CacheDb } from '../db/open';
import { AUDIT_KINDS } from '@shared/domain/auditKinds';
import type { Handlers } from './dispatcher';

type FleetCallName = 'fleet.overview' | 'fleet.approve' | 'fleet.revoke' | 'fleet.command' | 'fleet.assignProfile' | 'fleet.thumbnail'
  | 'fleet.statusExport' | 'fleet.addSender' | 'fleet.removeSender' | 'fleet.readCap' | 'fleet.sendAlert' | 'fleet.acknowledgements'
  | 'fleet.schoolAudit';

/** A fleet refusal a person can act on (not set up, no such screen) is an answer, not a crash. */
async function fleetCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FleetAdminError || error instanceof CapError) throw new CallFailure('INVALID_INPUT', error.message);
    if (error instanceof SourceError) throw new CallFailure('UNAVAILABLE', error.message);
    throw error;
  }
}

/** The Screens page's calls (docs/fleet.md). Every change to the fleet and every alert is audited. */
export function createFleetHandlers(
  fleet: FleetStaff,
  audit: AuditLog,
  signedIn: (user: StaffUser | null) => StaffUser,
  cache: CacheDb,
): Pick<Handlers, FleetCallName> {
  const screens = (ids: readonly string[]) => (ids.length === 1 ? ids[0]! : `${ids.length} screens`);
  return {
    'fleet.overview': () => fleetCall(() => fleet.overview()),
    'fleet.approve': (input, { user }) => fleetCall(async () => {
      await fleet.approve(input.screenId, input.name, input.profile);
      audit.append(signedIn(user).username, 'fleet.change', input.screenId, `approved as "${input.name}"${input.profile ? `, profile ${input.profile}` : ''}`);
      return {};
    }),
    'fleet.revoke': (input, { user }) => fleetCall(async () => {
      const name = await fleet.revoke(input.screenId);
      audit.append(signedIn(user).username, 'fleet.change', input.screenId, `revoked ("${name}")`);
      return {};
    }),
    'fleet.command': (input, { user }) => fleetCall(async () => {
      await fleet.command(input.action, input.screenIds);
      audit.append(signedIn(user).username, 'fleet.change', screens(input.screenIds), `${input.action}: ${input.screenIds.join(', ')}`);
      return {};
    }),
    'fleet.assignProfile': (input, { user }) => fleetCall(async () => {
      await fleet.assignProfile(input.screenIds, input.profile);
      audit.append(signedIn(user).username, 'fleet.change', screens(input.screenIds), `profile ${input.profile ?? '(own choice)'}: ${input.screenIds.join(', ')}`);
      return {};
    }),
    'fleet.thumbnail': (input) => fleetCall(() => fleet.thumbnail(input.screenId)),
    'fleet.statusExport': (input) => fleetCall(() => fleet.statusExport(input.format)),
    'fleet.addSender': (input, { user }) => fleetCall(async () => {
      const fingerprint = await fleet.addSender(input.name, input.publicKey);
      audit.append(signedIn(user).username, 'fleet.change', null, `alert sender "${input.name}" added (fingerprint ${fingerprint})`);
      return { fingerprint };
    }),
    'fleet.removeSender': (input, { user }) => fleetCall(async () => {
      const name = await fleet.removeSender(input.publicKey);
      audit.append(signedIn(user).username, 'fleet.change', null, `alert sender "${name}" removed`);
      return {};
    }),
    'fleet.readCap': (input) => fleetCall(async () => {
      const alert = await fleet.readCap(input);
      return {
        template: alert.template,
        title: alert.title,
        text: alert.text,
        drill: alert.drill,
        minutes: alert.minutes,
        identifier: alert.identifier,
        sender: alert.sender,
      };
    }),
    'fleet.sendAlert': (input, { user }) => fleetCall(async () => {
      const alert = await fleet.sendAlert({ ...input, title: input.title || null });
      audit.append(signedIn(user).username, 'fleet.alert', alert.id, `${input.drill ? 'drill ' : ''}${input.template}: "${alert.title}" to ${input.groups.length ? input.groups.join(', ') : 'every screen'}`);
      return { alertId: alert.id };
    }),
    'fleet.acknowledgements': (input) => fleetCall(() => fleet.acknowledgements(input.alertId)),
    // The publisher desk's cache has the school's pupils (staff scope): the log names them for the administrator.
    'fleet.schoolAudit': (input) => fleetCall(async () => {
      const log = await fleet.schoolAudit({ ...input, actions: input.kind ? AUDIT_KINDS[input.kind] : undefined });
      return { ...log, entries: withPupilNames(cache, log.entries) };
    }),
  };
}
