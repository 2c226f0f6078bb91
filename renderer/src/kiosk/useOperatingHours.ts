import { computed } from 'vue';
import { operatingState, type OperatingState } from '@shared/display/operatingHours';
import type { OperatingHours } from '@shared/domain/display';
import type { Holiday } from '@shared/domain/school';
import type { Instant } from '@shared/domain/time';

interface Inputs {
  hours: OperatingHours | null;
  holidays: readonly Holiday[];
  zone: string;
  now: Instant | null;
}

/**
 * Is the screen on now? The shared rule (the same one Electron main uses to let the display sleep), worked out
 * again only when its answer may change (at `changesAt`) or the profile does: not on every tick.
 */
export function useOperatingHours(inputs: () => Inputs) {
  let cache: { hours: OperatingHours; holidays: readonly Holiday[]; zone: string; from: Instant; state: OperatingState } | null = null;
  return computed(() => {
    const { hours, holidays, zone, now } = inputs();
    if (hours === null || now === null) return true;
    const valid = cache !== null && cache.hours === hours && cache.holidays === holidays && cache.zone === zone &&
      now >= cache.from && (cache.state.changesAt === null || now < cache.state.changesAt);
    if (!valid) cache = { hours, holidays, zone, from: now, state: operatingState(hours, now, zone, holidays) };
    return cache!.state.on;
  });
}
