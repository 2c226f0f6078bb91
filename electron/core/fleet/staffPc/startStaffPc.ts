import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import type { FleetScreenInfo } from '@shared/contract';
import type { FleetSourceConfig } from '@shared/settings';
import type { AuditLog } from '../../audit/auditLog';
import type { Logger } from '../../logger';
import type { SecretStore } from '../../secrets/secretStore';
import { publicKeyFromText, spokenFingerprint } from '../keys';
import { fleetPaths, readIfThere } from '../fleetFolder';
import { createAuditForwarder } from '../schoolAudit/auditForwarder';
import { requestEnrolment } from './staffPcAdmin';
import { type StaffPcKeys, staffPcKeys } from './staffPcKeys';
import { openSchoolSettings, type SchoolSettingsBody } from './schoolSettings';

/**
 * A staff PC whose source is the fleet folder (docs/fleet.md, "Staff PCs in the fleet"): its keys (made on first
 * start, in its secret store), its enrolment request in the folder, and its audit entries forwarded to the school's
 * log every `forwardEveryMs` and at once when it is approved (the roster is read every five seconds). Its pupils
 * and photos come through the sync engine from the staff bundles (sources/fleet/staffStream.ts); it holds no upstream
 * credential.
 */
/** Reads pub/staff-settings.env when it changed, and hands what it holds to `onSchoolSettings` once per new one. */
function followSchoolSettings(o: Parameters<typeof startStaffPc>[0], keys: StaffPcKeys) {
  const file = fleetPaths(o.config.folder).staffSettings;
  const publisher = publicKeyFromText(o.config.publisherKey);
  let stamp = '';
  let lastSeq: number | undefined;
  return async () => {
    const s = await stat(file).catch(() => null);
    const now = s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '';
    if (!s || now === stamp) return;
    stamp = now;
    const bytes = await readIfThere(file);
    if (!bytes) return;
    const opened = openSchoolSettings(bytes, { school: o.config.school, publisher, now: o.now(), lastSeq, id: keys.id, privateKey: keys.box.privateKey });
    // Not (yet) sealed for this PC, or refused: it keeps what it took last; the sign-in screen says whether it is approved.
    if (!opened.ok) return o.log.warn('fleet.school-settings-refused', { refusal: opened.refusal, detail: opened.detail });
    lastSeq = opened.seq;
    o.onSchoolSettings(opened.body);
  };
}

export async function startStaffPc(o: {
  config: z.infer<typeof FleetSourceConfig>;
  secrets: SecretStore;
  audit: AuditLog;
  now: () => number;
  log: Logger;
  forwardEveryMs?: number;
  /** The school's accounts and sign-in settings from the publisher, opened and checked: the staff services take them. */
  onSchoolSettings: (body: SchoolSettingsBody) => void;
  /** The roster the publisher signed says this PC was revoked: the pupils and photos it holds go (once per revocation). */
  onRevoked: () => void;
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
  const settings = followSchoolSettings(o, keys);
  let revoked = false;
  const checkRevoked = () => {
    const listed = forwarder.roster()?.staffPcs.find((pc) => pc.id === keys.id);
    const now = listed !== undefined && listed.revokedAt !== null;
    if (now && !revoked) {
      o.log.warn('fleet.staff-pc-revoked', { pc: keys.id, advice: 'its pupils and photos are removed; approve it again to have them back' });
      o.onRevoked();
    }
    revoked = now;
  };
  const follow = async () => {
    await Promise.all([forwarder.followRoster(), settings()]);
    checkRevoked();
  };
  void follow().catch(unwritable);
  const rosterTimer = setInterval(() => void follow().catch(unwritable), 5_000);
  o.log.info('fleet.staff-pc-started', { pc: keys.id, fingerprint });
  // What the sign-in page shows: the code to compare, and whether the roster (as last read) lists this PC.
  const info = (): FleetScreenInfo => {
    const entry = forwarder.roster()?.staffPcs.find((pc) => pc.id === keys.id);
    const enrolled = entry !== undefined && entry.revokedAt === null;
    return { screenId: keys.id, code: fingerprint.slice(0, 9), fingerprint, enrolled, name: enrolled ? entry.name : null, revoked: entry?.revokedAt != null };
  };
  return {
    info, forward: forwarder.forward,
    stop: () => {
      clearInterval(timer);
      clearInterval(rosterTimer);
    },
  };
}
