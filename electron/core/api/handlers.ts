import type { FleetScreenInfo, SyncStatus } from '@shared/contract';
import type { Announcement, DisplayProfile, Holiday } from '@shared/domain';
import type { Settings, SettingsInput } from '@shared/settings';
import type { Clock } from '../clock';
import type { CacheDb } from '../db/open';
import { activeProfile } from '../display/activeProfile';
import { verifyPin } from '../display/pin';
import { createThrottle } from '../auth/throttle';
import type { SettingsStore } from '../settings/store';
import { currentAnnouncements } from '../services/announcements';
import { createChangesBoard } from '../services/changesBoard';
import { createKioskBoard } from '../services/kioskBoard';
import { readRooms, readSchool, schoolZone } from '../services/referenceData';
import { createRoomDay } from '../services/roomDay';
import type { SyncEngine } from '../sync/engine';
import type { ConnectionTest } from '../sync/worker/protocol';
import { createStaffHandlers, kioskStaffHandlers, type StaffServices } from './staffHandlers';
import { CallFailure, tooSoon } from './callFailure';
import type { Handlers } from './dispatcher';

export interface HandlerContext {
  mode: 'kiosk' | 'staff';
  version: string;
  clock: Clock;
  settings: SettingsStore;
  db: CacheDb;
  engine: SyncEngine;
  /** Announcements from the provisioning file, besides those in the cache. */
  extraAnnouncements(): readonly Announcement[];
  /** A fleet screen's enrolment (docs/fleet.md); null outside a fleet. */
  fleetScreen(): FleetScreenInfo | null;
  /** The command line's profile for this run, until someone switches on screen. */
  profileOverride: { current: string | null };
  onDisplayChanged(profile: DisplayProfile): void;
  /** Staff PCs only; null on a kiosk, whose staff calls all answer FORBIDDEN. */
  staff: StaffServices | null;
  /** Runs "test connection" for a source config (the configured one when absent), in the sync worker. */
  /** `typedSecrets` are used for this test only, in place of the stored ones of the same name; nothing is stored. */
  testSource(source: Settings['source'] | undefined, typedSecrets: Readonly<Record<string, string>>): Promise<ConnectionTest>;
}

export interface CoreServices {
  handlers: Handlers;
  /** Forget what is held in memory about the previous data (after each sync). */
  invalidate(): void;
}

/** Binds every call of the contract to the service that answers it. */
export function createHandlers(ctx: HandlerContext): CoreServices {
  const { db, clock, settings } = ctx;
  const zone = () => schoolZone(db, settings.get());
  const board = createKioskBoard(db, zone);
  const roomDay = createRoomDay(db, zone);
  const changes = createChangesBoard(db, zone);
  // Wrong PINs slow the next try (per screen, and for all together), as wrong passwords do: docs/security-accounts.md §3.
  const pinThrottle = createThrottle(clock.now);
  const holidays = db.prepare('SELECT name, "from", "to" FROM holidays ORDER BY "from"');
  const profile = () => activeProfile(settings.get(), ctx.profileOverride.current);

  const handlers: Omit<Handlers, keyof ReturnType<typeof kioskStaffHandlers>> = {
    'app.info': () => ({
      mode: ctx.mode,
      version: ctx.version,
      school: { ...readSchool(db, { name: 'Gangbord', zone: settings.get().zone }), ...(settings.get().schoolName ? { name: settings.get().schoolName! } : {}) },
      locale: settings.get().locale,
      clock: { now: clock.now(), rate: clock.rate },
    }),
    'clock.now': () => ({ now: clock.now(), rate: clock.rate }),
    'kiosk.nowNext': (input) => board.nowNext(input.at ?? clock.now(), input.rooms),
    'kiosk.roomDay': (input) => roomDay(input.room, input.at ?? clock.now()),
    'kiosk.changes': (input) => changes(input.at ?? clock.now(), input.includeNextDay),
    'fleet.screen': () => ctx.fleetScreen(),
    'display.current': () => {
      const current = settings.get();
      return {
        profile: profile(),
        profiles: current.display.profiles.map((p) => ({ id: p.id, name: p.name, layout: p.layout })),
        holidays: holidays.all() as Holiday[],
        pinConfigured: current.display.pinHash !== null,
      };
    },
    'display.choose': (input, { caller }) => {
      const current: Settings = settings.get();
      const { pinHash, profiles } = current.display;
      if (pinHash === null) throw new CallFailure('FORBIDDEN', 'No display PIN is set on this machine, so its profile cannot be changed on screen.');
      const client = caller.client ?? 'local';
      const wait = pinThrottle.waitMs(client, 'display-pin');
      if (wait > 0) throw tooSoon(wait, 'PINs');
      if (!verifyPin(input.pin, pinHash)) {
        pinThrottle.failed(client, 'display-pin');
        throw new CallFailure('FORBIDDEN', 'That PIN is not right.', Math.ceil(pinThrottle.waitMs(client, 'display-pin') / 1000));
      }
      pinThrottle.succeeded(client, 'display-pin');
      const chosen = profiles.find((p) => p.id === input.profileId);
      if (!chosen) throw new CallFailure('NOT_FOUND', `There is no display profile "${input.profileId}".`);
      settings.update({ display: { ...current.display, active: chosen.id } } satisfies Partial<SettingsInput>);
      ctx.profileOverride.current = null;
      ctx.onDisplayChanged(chosen);
      return chosen;
    },
    'rooms.list': () => readRooms(db),
    'announcements.current': (input) => currentAnnouncements(db, ctx.extraAnnouncements(), input.at ?? clock.now(), input.displayGroup),
    'sync.status': (): SyncStatus => ctx.engine.status(),
    'sources.test': (input) => ctx.testSource(input.source, input.typedSecrets),
    'sync.runNow': () => {
      void ctx.engine.trigger('manual');
      return ctx.engine.status();
    },
  };
  return {
    handlers: { ...handlers, ...(ctx.staff ? createStaffHandlers(ctx.staff) : kioskStaffHandlers()) },
    invalidate: () => {
      board.invalidate();
      ctx.staff?.search.invalidate();
    },
  };
}
