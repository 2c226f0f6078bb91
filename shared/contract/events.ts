import { z } from 'zod';
import { Instant } from '../domain/time';
import { SyncStatus } from './sync';
import { FLEET_COMMANDS } from '../fleet/commands';

/** Everything the core pushes to pages. Each event is kiosk-safe: no personal data travels as an event. */
export const events = {
  /** New data was committed to the cache: pages ask again for what they show. */
  'data.changed': z.object({ at: Instant, source: z.string().max(200) }).strict(),
  'sync.status': SyncStatus,
  /** This screen was switched to another display profile (admin overlay or a new provisioning file). */
  'display.changed': z.object({ profileId: z.string().max(40) }).strict(),
  /** The Screens page asked this fleet screen to identify itself, reload its page, or (the host) take a thumbnail. */
  'fleet.command': z.object({ action: z.enum(FLEET_COMMANDS) }).strict(),
  /** Photo import progress, for an administrator's progress bar: counts only. */
  'photos.progress': z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).strict(),
  /**
   * The desktop app's loopback listener got the school provider's answer (code and state, useless without the PKCE
   * verifier the core keeps); sent to the one window that started the sign-in, which finishes it as the web page does.
   */
  'auth.schoolReturn': z.object({ callbackUrl: z.string().url().max(4000) }).strict(),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.output<Events[N]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

export const eventChannel = (name: EventName) => `gangbord:event:${name}`;
