import { app, powerMonitor, powerSaveBlocker, session } from 'electron';
import type { CallInput, CallOutput, KioskCallName } from '@shared/contract';
import type { Core } from '../core/app.types';
import type { Clock } from '../core/clock';
import { startKioskSchedule } from '../core/kiosk/kioskSchedule';
import type { DisplaySchedule } from '../core/kiosk/powerPolicy';
import type { Logger } from '../core/logger';
import type { AppWindows } from './windows';

// The kiosk's timed jobs, wired to Electron: the display is kept awake only during the active profile's operating
// hours, and caches are cleared at a quiet moment. When and what is decided in electron/core/kiosk
// (kioskSchedule.ts, powerPolicy.ts, maintenancePolicy.ts); this file only carries it out.

/** What Chromium keeps on disk that a kiosk can do without; never its cookies or the page's own storage. */
const CACHE_STORAGES = ['cachestorage', 'serviceworkers', 'shadercache'] as const;

async function ask<N extends KioskCallName>(core: Core, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await core.dispatch({ role: 'kiosk' }, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as CallOutput<N>;
}

/** The active profile's hours and the school's zone and holidays, from the core as the page gets them. */
async function readDisplaySchedule(core: Core): Promise<DisplaySchedule> {
  const [display, info] = await Promise.all([ask(core, 'display.current', {}), ask(core, 'app.info', {})]);
  return { profileId: display.profile.id, hours: display.profile.hours, zone: info.school.zone, holidays: display.holidays };
}

/** `prevent-display-sleep` held while `set(true)`, released on `set(false)`. */
function displaySleepBlocker() {
  let id: number | null = null;
  return {
    set(awake: boolean) {
      if (awake && (id === null || !powerSaveBlocker.isStarted(id))) {
        id = powerSaveBlocker.start('prevent-display-sleep');
      } else if (!awake && id !== null) {
        if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
        id = null;
      }
      return id !== null && powerSaveBlocker.isStarted(id);
    },
  };
}

/** Working-set memory per process type, in KB as Electron reports it: for reading a kiosk's health over weeks. */
function memoryByProcessType(): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const metric of app.getAppMetrics()) totals[metric.type] = (totals[metric.type] ?? 0) + metric.memory.workingSetSize;
  return totals;
}

export function startKioskRuntime(deps: { core: Core; windows: AppWindows; clock: Clock; log: Logger }): () => void {
  const { core, windows, clock, log } = deps;
  const blocker = displaySleepBlocker();

  const schedule = startKioskSchedule({
    clock,
    log,
    read: () => readDisplaySchedule(core),
    onPower(decision, display) {
      const held = blocker.set(decision.keepDisplayAwake);
      log.info('kiosk.display-power', {
        keepAwake: decision.keepDisplayAwake,
        blockerHeld: held,
        until: decision.changesAt === null ? null : new Date(decision.changesAt).toISOString(),
        profile: display?.profileId ?? null,
      });
    },
    async maintain({ reloadPage }) {
      const ses = session.defaultSession;
      await ses.clearCache();
      await ses.clearStorageData({ storages: [...CACHE_STORAGES] });
      const reloadedPages = reloadPage ? windows.freshKioskPages('maintenance') : 0;
      log.info('kiosk.maintenance', { cleared: ['http-cache', ...CACHE_STORAGES], reloadedPages, memoryKb: memoryByProcessType() });
    },
  });

  // A new profile (admin overlay, provisioning file), new holidays or zone after a sync: look again at once.
  const unsubscribe = core.subscribe((name) => {
    if (name === 'display.changed' || name === 'data.changed') schedule.refresh();
  });
  // After the machine slept, timers may be late: look again on waking.
  const onResume = () => schedule.refresh();
  powerMonitor.on('resume', onResume);

  return () => {
    unsubscribe();
    powerMonitor.removeListener('resume', onResume);
    schedule.stop();
    blocker.set(false);
  };
}
