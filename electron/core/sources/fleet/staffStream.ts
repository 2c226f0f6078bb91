import { openEnvelope, type Trust } from '../../fleet/envelope';
import { boxKeyFromPem, STAFF_PC_KEY_SECRET, staffPcIdOf } from '../../fleet/staffPc/staffPcKeys';
import { openStaffBundle } from '../../fleet/staffBundle/staffBundle';
import { SourceError } from '../source';
import type { SourceContext, SyncPayload } from '../source';
import { bundleCursor, readBundleCursor } from './bundleCursor';

/*
 * A staff PC in the fleet (docs/fleet.md, "Staff PCs in the fleet") syncs from the publisher's staff bundles, never
 * from the upstream: it holds no koppelcode or password, only its own X25519 key, in its secret store. The cursor
 * counts staff bundles as a screen's counts its own.
 */

export interface StaffRaw {
  full: Buffer | null;
  delta: Buffer | null;
}

const refused = (what: string, refusal: string, detail: string) =>
  new SourceError(refusal === 'not-a-recipient' ? 'UPSTREAM_AUTH' : 'UPSTREAM_INVALID', refusal === 'not-a-recipient'
    ? `The publisher's ${what} is not sealed for this staff PC: approve it as a staff PC on the Screens page (compare its code first). Until then it shows no pupils.`
    : `Refused the publisher's ${what} (${refusal}): ${detail}. This PC keeps its last data.`);

export function normaliseStaffStream(raw: StaffRaw, ctx: SourceContext, trust: Trust, folder: string): SyncPayload {
  const pem = ctx.secret(STAFF_PC_KEY_SECRET);
  if (!pem) throw new SourceError('UPSTREAM_AUTH', 'This staff PC has no key of its own for the fleet yet: start it once in staff mode, then approve it on the Screens page.');
  const box = boxKeyFromPem(pem);
  const open = { trust, now: ctx.now, id: staffPcIdOf(box.publicKey), privateKey: box.privateKey };
  const state = readBundleCursor(ctx.cursor);
  if (!raw.full) throw new SourceError('UPSTREAM_EMPTY', `The fleet folder ${folder} has no staff bundle yet: is this PC approved as a staff PC, and is the publisher running?`);
  // Its signature and body hash on every look (a changed file is a refusal to report); its sealed body, megabytes of
  // photos, is opened only when it is a new one.
  const header = openEnvelope(raw.full, { trust, kind: 'staff', now: ctx.now });
  if (!header.ok) throw refused('staff bundle', header.refusal, header.detail);
  const fullSeq = header.header.seq;
  if (state.fullSeq !== null && fullSeq < state.fullSeq) throw refused('staff bundle', 'replayed', `number ${fullSeq} is older than ${state.fullSeq}, already applied`);
  if (fullSeq !== state.fullSeq) {
    const full = openStaffBundle(raw.full, open);
    if (!full.ok) throw refused('staff bundle', full.refusal, full.detail);
    if (full.payload.kind === 'snapshot') return { ...full.payload, cursor: bundleCursor(full.seq, full.seq) };
  }
  if (raw.delta) {
    const delta = openStaffBundle(raw.delta, open);
    if (!delta.ok) throw refused('staff delta', delta.refusal, delta.detail);
    if (delta.payload.kind === 'delta' && delta.payload.base === state.fullSeq && delta.seq > (state.lastSeq ?? 0)) {
      const { base: _base, ...payload } = delta.payload;
      return { ...payload, cursor: bundleCursor(state.fullSeq, delta.seq) };
    }
  }
  return { kind: 'unchanged' };
}
