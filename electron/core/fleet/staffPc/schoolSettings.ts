import type { KeyObject } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { SchoolSignIn } from '@shared/settings';
import { SentAccount } from '../../auth/publisherAccounts';
import type { Logger } from '../../logger';
import { bodyJson, openEnvelope, sealEnvelope, type Trust } from '../envelope';
import { fleetPaths, writeAtomically } from '../fleetFolder';
import { type FleetKeyPair, keyIdOf } from '../keys';
import { createSequence } from '../sequence';
import { folderStore } from '../store/folderStore';
import { jsonEqual } from '../compare/jsonEqual';
import { open, seal } from '../staffBundle/sealed';
import type { Recipient } from '../staffBundle/staffBundle';

/*
 * What a school sets once for all its staff PCs (docs/fleet.md, "School settings from the publisher"): the accounts,
 * the school sign-in with its group-to-role mapping, and the sign-in's client secret. The publisher desk signs it as
 * an envelope of kind `accounts`, sealed for the enrolled staff PCs like the staff bundle (password hashes and the
 * client secret must not lie readable in the share); each staff PC takes it on its main thread (startStaffPc.ts).
 */

export const SchoolSettingsBody = z.object({
  /** Null: this publisher keeps no accounts (the command line): staff PCs keep theirs as they are. */
  accounts: z.array(SentAccount).max(2000).nullable(),
  /** Null: no school sign-in (turned off); absent: this publisher does not manage it (staff PCs keep theirs). */
  schoolSignIn: SchoolSignIn.nullable().optional(),
  /** The value of the sign-in's client secret (a confidential client); null for a public one. */
  clientSecret: z.string().max(2000).nullable(),
}).strict();
export type SchoolSettingsBody = z.infer<typeof SchoolSettingsBody>;

const VALID_MS = 7 * 24 * 3_600_000;
/** Written again at least this often, so staff PCs never see it expire while the publisher runs. */
const AGAIN_EVERY_MS = 24 * 3_600_000;

export function createSchoolSettingsPublisher(o: { folder: string; school: string; key: FleetKeyPair; now: () => number; log: Logger }) {
  const file = fleetPaths(o.folder).staffSettings;
  const nextSeq = createSequence(folderStore(o.folder), ['pub/staff-settings.env'], o.key, o.now);
  let last: { body: SchoolSettingsBody; recipients: string; at: number } | null = null;

  return {
    async publish(body: SchoolSettingsBody, recipients: readonly Recipient[]): Promise<boolean> {
      if (recipients.length === 0) {
        await rm(file, { force: true });
        last = null;
        return false;
      }
      const now = o.now();
      const ids = recipients.map((r) => r.id).sort().join(',');
      if (last && last.recipients === ids && jsonEqual(last.body, body) && now - last.at < AGAIN_EVERY_MS) return false;
      const seq = await nextSeq();
      const sealed = seal(Buffer.from(JSON.stringify(SchoolSettingsBody.parse(body))), recipients);
      await writeAtomically(file, sealEnvelope({ kind: 'accounts', school: o.school, seq, issuedAt: now, notAfter: now + VALID_MS, body: sealed }, o.key));
      last = { body, recipients: ids, at: now };
      const signIn = body.schoolSignIn?.issuer ?? body.schoolSignIn ?? 'unmanaged';
      o.log.info('fleet.school-settings-published', { seq, accounts: body.accounts?.length ?? null, signIn, recipients: recipients.length });
      return true;
    },
  };
}

export type OpenedSchoolSettings = { ok: true; seq: number; body: SchoolSettingsBody } | { ok: false; refusal: string; detail: string };

export function openSchoolSettings(
  bytes: Buffer,
  o: { school: string; publisher: KeyObject; now: number; lastSeq?: number; id: string; privateKey: KeyObject },
): OpenedSchoolSettings {
  const trust: Trust = { school: o.school, keys: new Map([[keyIdOf(o.publisher), { publicKey: o.publisher, kinds: ['accounts'] }]]), revoked: new Set() };
  const opened = openEnvelope(bytes, { trust, kind: 'accounts', now: o.now, lastSeq: o.lastSeq });
  if (!opened.ok) return opened;
  const unsealed = open(opened.body, o.id, o.privateKey);
  if (!unsealed.ok) return { ok: false, refusal: unsealed.reason, detail: 'not sealed for this staff PC' };
  const body = SchoolSettingsBody.safeParse(bodyJson(unsealed.body));
  return body.success ? { ok: true, seq: opened.header.seq, body: body.data } : { ok: false, refusal: 'malformed', detail: 'not the school\'s settings' };
}
