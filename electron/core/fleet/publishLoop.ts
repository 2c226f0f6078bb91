import type { Settings } from '@shared/settings';
import type { Logger } from '../logger';
import type { SecretStore } from '../secrets/secretStore';
import { createSource, secretNamesOf } from '../sources';
import { fetchPayload } from '../sync/syncOnce';
import { type FleetContext, keepProfiles } from './fleetAdmin';
import { createPublisher, type Published } from './publisher';

/*
 * The publisher's loop (docs/fleet.md), the same in its three homes: the command line (`npm run publisher`), the
 * windowless Electron app (`--publisher`) and a staff PC set up as the fleet's publisher desk. Every interval it
 * fetches the school's source whole, in kiosk scope, and signs what every screen shows into the fleet folder.
 */

export interface PublishLoopOptions {
  fleet: FleetContext;
  /** The publisher's settings: its timetable source, zone and display profiles. */
  settings: () => Settings;
  secrets: SecretStore;
  log: Logger;
  intervalMs: number;
  /** Each round's outcome, for the command line's one line per round. */
  onRound?: (outcome: { at: number; published: Published } | { at: number; error: Error }) => void;
}

export function createPublishLoop(o: PublishLoopOptions) {
  const publisher = createPublisher({ folder: o.fleet.folder, school: o.fleet.school, key: o.fleet.key, now: o.fleet.now, log: o.log });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  const abort = new AbortController();

  async function publishOnce(): Promise<Published> {
    const settings = o.settings();
    const config = settings.source;
    if (config?.type === 'fleet') throw new Error("the publisher's own source cannot be a fleet folder: set the school's timetable source in its settings");
    const values: Record<string, string> = {};
    for (const name of secretNamesOf(config)) {
      const value = await o.secrets.get(name);
      if (value !== null) values[name] = value;
    }
    // Kiosk scope: the upstream is asked for what screens show, so no pupil and no teacher's name is ever in a bundle.
    // No cursor: a full fetch every interval, so every change upstream, however it was entered, reaches the screens.
    const { payload } = await fetchPayload({
      source: createSource(config), scope: 'kiosk', now: o.fleet.now(), zone: settings.zone, cursor: null,
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(300_000)]), progress: () => {}, secrets: values,
    });
    if (payload.kind !== 'snapshot') throw new Error(`the source answered with ${payload.kind}, not the whole picture`);
    const published = await publisher.publish(payload);
    // The roster carries the school's display profiles, so that a screen runs the one assigned to it.
    await keepProfiles(o.fleet, settings.display.profiles);
    return published;
  }

  /** One round; a failure is logged and reported, and the folder keeps the last bundle for the screens. */
  async function round(): Promise<boolean> {
    try {
      const published = await publishOnce();
      o.onRound?.({ at: o.fleet.now(), published });
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
