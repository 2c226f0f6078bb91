import type { AppMode } from '@shared/contract';

export interface ChosenMode {
  mode: AppMode;
  /** For the log: a mode forced on the command line is worth knowing about when a screen shows the wrong thing. */
  from: 'command line' | 'settings';
}

/** `--mode=` wins for this run; otherwise the machine's stored setting (kiosk by default: the safe choice). */
export function chooseMode(flag: AppMode | null, stored: AppMode): ChosenMode {
  return flag ? { mode: flag, from: 'command line' } : { mode: stored, from: 'settings' };
}
