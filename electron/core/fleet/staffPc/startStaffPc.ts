import type { z } from 'zod';
import type { FleetScreenInfo } from '@shared/contract';
import type { FleetSourceConfig } from '@shared/settings';
import type { AuditLog } from '../../audit/auditLog';
import type { Logger } from '../../logger';
import type { SecretStore } from '../../secrets/secretStore';
import { publicKeyFromText, spokenFingerprint } from '../keys';
import { createAuditForwarder } from '../schoolAudit/auditForwarder';
import { requestEnrolment } from './staffPcAdmin';
import { staffPcKeys } from './staffPcKeys';

/**
 * A staff PC whose source is the fleet folder (docs/fleet.md, "Staff PCs in the fleet"): its keys (made on first
 * start, in its secret store), its enrolment request in the folder, and its audit entries forwarded to the school's
 * log every `forwardEveryMs` and at once when it is approved (the roster is read every five seconds). Its pupils
 * and photos come through the sync engine from the staff bundles (sources/fleet/staffStream.ts); it holds no upstream
 * credential.
 */
export async function startStaffPc(o: {
  config: z.infer<typeof FleetSourceConfig>;
  secrets: SecretStore;
  audit: AuditLog;
  now: () => number;
  log: Logger;
  forwardEveryMs?: number;
}): Promise<{ info: () => FleetScreenInfo; forward: () => Promise<number>; stop: () => void }> {
  const keys = await staffPcKeys(o.secrets);
  const fingerprint = spokenFingerprint(keys.device.publicKey);
  const unwritable = (error: Error) => o.log.warn('fleet.folder-unwritable', { reason: error.message });
  await requestEnrolment(o.config.folder, keys, o.now()).catch(unwritable);
  const forwarder = createAuditForwarder({
    folder: o.config.folder, school: o.config.school, pc: keys.id, key: keys.device, publisher: publicKeyFromText(o.config.publisherKey),
    entriesAfter: o.audit.entriesAfter, now: o.now, log: o.log,
  });
  void forwarder.forward();
  const timer = setInterval(() => void forwarder.forward(), o.forwardEveryMs ?? 30_000);
  const rosterTimer = setInterval(() => void forwarder.followRoster().catch(unwritable), 5_000);
  o.log.info('fleet.staff-pc-started', { pc: keys.id, fingerprint });
  // What the sign-in page shows: the code to compare, and whether the roster (as last read) lists this PC.
  const info = (): FleetScreenInfo => {
    const listed = forwarder.roster()?.staffPcs.find((pc) => pc.id === keys.id && pc.revokedAt === null);
    return { screenId: keys.id, code: fingerprint.slice(0, 9), fingerprint, enrolled: listed !== undefined, name: listed?.name ?? null };
  };
  return {
    info, forward: forwarder.forward,
    stop: () => {
      clearInterval(timer);
      clearInterval(rosterTimer);
    },
  };
}
