import type { Settings } from '@shared/settings';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secretStore';
import { createSource, secretNamesOf } from '../sources';
import type { PhotoRecord, Snapshot, SyncScope } from '../sync/snapshot';
import { fetchPayload } from '../sync/syncOnce';
import { erasureHash } from '../db/erasureHash';
import { type FleetContext, keepInRoster, loadRoster } from './fleetAdmin';
import { createPublisher, type Published } from './publisher';
import { createStaffPublisher, type StaffPublished } from './staffBundle/staffPublisher';
import { demoPhotosOf } from './staffBundle/demoPhotos';
import { staffRecipients } from './staffPc/staffPcAdmin';
import { createSchoolSettingsPublisher, type SchoolSettingsBody } from './staffPc/schoolSettings';
import { publisherAuditKey } from './staffPc/staffPcKeys';
import { x25519Text } from './staffBundle/sealed';

/*
 * The publisher's loop (docs/fleet.md), the same in its three homes: the command line (`npm run publisher`), the
 * windowless Electron app (`--publisher`) and a staff PC set up as the fleet's publisher desk. Every interval it
 * fetches the school's source whole, in kiosk scope, and signs what every screen shows into the fleet folder. When the
 * roster lists staff PCs, it fetches once more in staff scope and seals the staff bundle for them (pupils, photos).
 */

export interface PublishLoopOptions {
  fleet: FleetContext;
  /** The publisher's settings: its timetable source, zone and display profiles. */
  settings: () => Settings;
  secrets: SecretStore;
  log: Logger;
  intervalMs: number;
  /**
   * The photos staff PCs get: the publisher desk's own (imported on its Photos page). Without it, the demo school's
   * portraits for the demo source, and none for any other (the command line has no photo store).
   */
  photos?: () => PhotoRecord[];
  /**
   * The accounts and sign-in settings staff PCs take from this publisher (the publisher desk's own). Without it, the
   * school sign-in from these settings only, and no accounts (the command line keeps none).
   */
  schoolSettings?: () => Promise<SchoolSettingsBody>;
  /**
   * Pupils erased on this PC at a privacy request (their numbers' erasure hashes): the staff bundle leaves them out,
   * as this PC's own cache does, so no staff PC gets them back from the publisher.
   */
  erasedPupils?: () => readonly string[];
  /** Each round's outcome, for the command line's one line per round. */
  onRound?: (outcome: { at: number; published: Published; staff: StaffPublished } | { at: number; error: Error }) => void;
}

/** The snapshot without the pupils erased at a privacy request. */
function withoutErased(snapshot: Snapshot, erased: ReadonlySet<string>): Snapshot {
  return erased.size === 0 ? snapshot : { ...snapshot, pupils: snapshot.pupils.filter((p) => !erased.has(erasureHash(p.number))) };
}

export function createPublishLoop(o: PublishLoopOptions) {
  const publisher = createPublisher({ folder: o.fleet.folder, school: o.fleet.school, key: o.fleet.key, now: o.fleet.now, log: o.log });
  const staffPublisher = createStaffPublisher({ folder: o.fleet.folder, school: o.fleet.school, key: o.fleet.key, now: o.fleet.now, log: o.log });
  const settingsPublisher = createSchoolSettingsPublisher({ folder: o.fleet.folder, school: o.fleet.school, key: o.fleet.key, now: o.fleet.now, log: o.log });

  /**
   * The sign-in settings in this publisher's settings, with the client secret's value from its secret store; none set
   * here means staff PCs keep their own (the command line is rarely where a school sets its sign-in up).
   */
  async function signInOnly(settings: Settings): Promise<SchoolSettingsBody> {
    const signIn = settings.staff.schoolSignIn;
    if (!signIn) return { accounts: null, clientSecret: null };
    return { accounts: null, schoolSignIn: signIn, clientSecret: signIn.clientSecret ? await o.secrets.get(signIn.clientSecret) : null };
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  const abort = new AbortController();

  /** The whole picture from the school's source in one scope; no cursor, so every change upstream is in it. */
  async function fetchWhole(settings: Settings, scope: SyncScope): Promise<Snapshot> {
    const config = settings.source;
    if (config?.type === 'fleet') throw new Error("the publisher's own source cannot be a fleet folder: set the school's timetable source in its settings");
    const values: Record<string, string> = {};
    for (const name of secretNamesOf(config)) {
      const value = await o.secrets.get(name);
      if (value !== null) values[name] = value;
    }
    const { payload } = await fetchPayload({
      source: createSource(config), scope, now: o.fleet.now(), zone: settings.zone, cursor: null,
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(300_000)]), progress: () => {}, secrets: values,
    });
    if (payload.kind !== 'snapshot') throw new Error(`the source answered with ${payload.kind}, not the whole picture`);
    return payload;
  }

  async function publishOnce(): Promise<{ published: Published; staff: StaffPublished }> {
    const settings = o.settings();
    // Kiosk scope: the upstream is asked for what screens show, so no pupil and no teacher's name is ever in a bundle.
    const published = await publisher.publish(await fetchWhole(settings, 'kiosk'));
    // The roster carries the school's display profiles, so that a screen runs the one assigned to it, and the key staff
    // PCs seal their audit entries for.
    const auditKey = x25519Text((await publisherAuditKey(o.secrets)).publicKey);
    await keepInRoster(o.fleet, { profiles: settings.display.profiles, auditKey });
    const recipients = staffRecipients(loadRoster(o.fleet));
    await settingsPublisher.publish(o.schoolSettings ? await o.schoolSettings() : await signInOnly(settings), recipients);
    if (recipients.length === 0) return { published, staff: await staffPublisher.withdraw() };
    // Staff scope is fetched on its own: the screens' bundle is never made from data that had pupils in it.
    const staffSnapshot = withoutErased(await fetchWhole(settings, 'staff'), new Set(o.erasedPupils?.() ?? []));
    const kept = new Set(staffSnapshot.pupils.map((p) => p.number));
    const photos = (o.photos ? o.photos() : demoPhotosOf(settings.source, staffSnapshot)).filter((p) => kept.has(p.pupilNumber));
    return { published, staff: await staffPublisher.publish(staffSnapshot, photos, recipients) };
  }

  /** One round; a failure is logged and reported, and the folder keeps the last bundle for the screens. */
  async function round(): Promise<boolean> {
    try {
      const { published, staff } = await publishOnce();
      o.onRound?.({ at: o.fleet.now(), published, staff });
      return true;
    } catch (error) {
      if (stopped) return false;
      o.log.error('fleet.publish-failed', { reason: (error as Error).message });
      o.onRound?.({ at: o.fleet.now(), error: error as Error });
      return false;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(() => schedule());
    }, o.intervalMs);
  }

  return {
    /** One round now (the command line's --once). */
    round,
    /** A round now, then one every interval until stop. */
    start(): void {
      running = round().then(() => schedule());
    },
    async stop(): Promise<void> {
      stopped = true;
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type PublishLoop = ReturnType<typeof createPublishLoop>;
