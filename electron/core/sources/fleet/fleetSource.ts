import type { z } from 'zod';
import type { FleetSourceConfig } from '@shared/settings';
import { openBundle } from '../../fleet/bundle';
import type { Trust } from '../../fleet/envelope';
import { fleetFile } from '../../fleet/store/fleetStore';
import { newestAccepted } from '../../fleet/store/bothStores';
import { folderStore } from '../../fleet/store/folderStore';
import { keyIdOf, publicKeyFromText } from '../../fleet/keys';
import { SourceError } from '../source';
import type { Source, SourceContext, SyncPayload } from '../source';
import { bundleCursor, readBundleCursor } from './bundleCursor';
import { normaliseStaffStream } from './staffStream';
import { staffTrust } from '../../fleet/staffBundle/staffBundle';

export type FleetConfig = z.infer<typeof FleetSourceConfig>;

interface FleetRaw {
  full: Buffer | null;
  delta: Buffer | null;
}

function folderError(folder: string, error: NodeJS.ErrnoException): SourceError {
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return new SourceError('UPSTREAM_AUTH', `The fleet folder ${folder} may not be read by Gangbord (access denied); check the share's permissions.`);
  }
  return new SourceError('UPSTREAM_HTTP', `The fleet folder ${folder} could not be read (${error.code ?? 'unknown error'}); the screen keeps its last data.`);
}

/**
 * A fleet screen's source (docs/fleet.md): the bundles the school's publisher signs into the fleet folder. Only a
 * bundle signed by the pinned publisher key, for this school, newer than the last one applied and pupil-free by its
 * schema is taken; anything else is refused with its reason in the sync status, and the last good data stays.
 * The cursor remembers the last full bundle and the last bundle applied, so a delta is taken only on top of its base.
 * A staff PC (staff scope) reads the staff bundles instead, sealed for it (staffStream.ts).
 */
export function createFleetSource(config: FleetConfig): Source<FleetRaw> {
  const publisherKey = publicKeyFromText(config.publisherKey);
  const trust: Trust = {
    school: config.school,
    keys: new Map([[keyIdOf(publisherKey), { publicKey: publisherKey, kinds: ['bundle', 'roster', 'command', 'alert'] }]]),
    revoked: new Set(),
  };
  const share = folderStore(config.folder);
  /** The share's copy, or the one the broker pushed into the screen's inbox when that one is newer. */
  async function newest(file: string, inbox: string | undefined, accept?: (bytes: Buffer) => boolean): Promise<Buffer | null> {
    let shareError: unknown = null;
    const fromShare = await share.read(file).catch((error: unknown) => {
      shareError = error;
      return null;
    });
    const pushed = inbox ? await folderStore(inbox).read(file).catch(() => null) : null;
    // The share gone and nothing pushed: the share's error says what to do.
    if (shareError && !pushed) throw shareError;
    return newestAccepted([fromShare, pushed], accept);
  }
  return {
    id: `fleet:${config.school}`,
    async fetch(ctx: SourceContext): Promise<FleetRaw> {
      ctx.progress('reading bundle', 0, 1);
      try {
        const [full, delta] = ctx.scope === 'staff' ? ['pub/staff.env', 'pub/staff-delta.env'] : [fleetFile.bundle, fleetFile.delta];
        const inbox = ctx.scope === 'staff' ? undefined : ctx.fleetInbox;
        // Of the share's copy and the pushed one, the newest whose signature holds (a forged newer one hides nothing).
        const signed = (bytes: Buffer) => openBundle(bytes, { trust, now: ctx.now }).ok;
        const raw = { full: await newest(full, inbox, signed), delta: await newest(delta, inbox, signed) };
        ctx.progress('reading bundle', 1, 1);
        return raw;
      } catch (error) {
        throw folderError(config.folder, error as NodeJS.ErrnoException);
      }
    },
    validate(raw: unknown): FleetRaw {
      return raw as FleetRaw;
    },
    normalise(raw: FleetRaw, ctx: SourceContext): SyncPayload {
      if (ctx.scope === 'staff') return normaliseStaffStream(raw, ctx, staffTrust(config.school, publisherKey), config.folder);
      const state = readBundleCursor(ctx.cursor);
      if (!raw.full) throw new SourceError('UPSTREAM_EMPTY', `The fleet folder ${config.folder} has no bundle yet: is the publisher running?`);
      // The full bundle is checked on every look, even when it is the one applied: a changed file is a refusal to report.
      const full = openBundle(raw.full, { trust, now: ctx.now });
      if (!full.ok) throw new SourceError('UPSTREAM_INVALID', `Refused the publisher's bundle (${full.refusal}): ${full.detail}. The screen keeps its last data.`);
      if (state.fullSeq !== null && full.seq < state.fullSeq) {
        throw new SourceError('UPSTREAM_INVALID', `Refused the publisher's bundle (replayed): number ${full.seq} is older than ${state.fullSeq}, already applied. The screen keeps its last data.`);
      }
      if (full.payload.kind === 'snapshot' && full.seq !== state.fullSeq) return { ...full.payload, cursor: bundleCursor(full.seq, full.seq) };
      if (raw.delta) {
        const delta = openBundle(raw.delta, { trust, now: ctx.now });
        if (!delta.ok) throw new SourceError('UPSTREAM_INVALID', `Refused the publisher's delta (${delta.refusal}): ${delta.detail}. The screen keeps its last data.`);
        // A delta on the full bundle this screen has, newer than what it applied; one on another base waits for its full.
        if (delta.payload.kind === 'delta' && delta.payload.base === state.fullSeq && delta.seq > (state.lastSeq ?? 0)) {
          const { base: _base, ...payload } = delta.payload;
          return { ...payload, cursor: bundleCursor(state.fullSeq, delta.seq) };
        }
      }
      return { kind: 'unchanged' };
    },
  };
}
