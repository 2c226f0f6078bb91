import type { OperatingHours } from '@shared/domain/display';
import type { Holiday } from '@shared/domain/school';
import type { Instant } from '@shared/domain/time';
import { operatingState } from '@shared/display/operatingHours';

/** What decides when a screen is on: the active profile's hours, the school's zone and its holidays. */
export interface DisplaySchedule {
  /** The active display profile, for the log. */
  profileId: string;
  /** Null: always on. */
  hours: OperatingHours | null;
  zone: string;
  holidays: readonly Holiday[];
}

export interface PowerDecision {
  /** Hold `powerSaveBlocker.start('prevent-display-sleep')`: the screen is inside its operating hours. */
  keepDisplayAwake: boolean;
  /** When that flips next, or null when it never does (always on). */
  changesAt: Instant | null;
}

/**
 * Whether the display must be kept awake at `at`. The very function the page uses for its black screen
 * (shared/display/operatingHours.ts), so the page goes black and the display may sleep at the same second, on
 * daylight-saving days and holidays too. Outside the hours the blocker is released; whether and when the display
 * then sleeps is the OS power plan's call (a kiosk image should let it).
 */
export function powerDecision(schedule: DisplaySchedule, at: Instant): PowerDecision {
  const state = operatingState(schedule.hours, at, schedule.zone, schedule.holidays);
  return { keepDisplayAwake: state.on, changesAt: state.changesAt };
}
