import type { Period } from '@shared/domain';
import type { Instant } from '@shared/domain/time';
import { cleanText } from '../common/codes';
import type { ZoneClock } from './zoneClock';

export interface SlotSample {
  number: number;
  name: unknown;
  start: Instant;
  end: Instant;
}

/**
 * The bell schedule, read off the appointments: for each single-hour slot, the start and end time most
 * appointments in it have (a shortened Friday or one odd appointment does not move the grid), and the slot name
 * Zermelo gives it ("u1", "3"). Zermelo's own timeslots endpoint is not documented well enough to rely on.
 */
export function periodsFromSlots(samples: Iterable<SlotSample>, clock: ZoneClock): Period[] {
  const bySlot = new Map<number, { names: Map<string, number>; times: Map<string, number> }>();
  for (const s of samples) {
    let slot = bySlot.get(s.number);
    if (!slot) bySlot.set(s.number, (slot = { names: new Map(), times: new Map() }));
    const times = `${clock.timeOf(s.start)}-${clock.timeOf(s.end)}`;
    slot.times.set(times, (slot.times.get(times) ?? 0) + 1);
    const name = cleanText(typeof s.name === 'number' ? String(s.name) : s.name, 20);
    if (name) slot.names.set(name, (slot.names.get(name) ?? 0) + 1);
  }
  const mostCommon = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const periods: Period[] = [];
  for (const [number, slot] of bySlot) {
    const times = mostCommon(slot.times);
    if (!times) continue;
    const [start, end] = times.split('-') as [string, string];
    if (!(end > start)) continue;
    periods.push({ number, name: mostCommon(slot.names) ?? String(number), start, end });
  }
  return periods.sort((a, b) => a.number - b.number);
}
