import { z } from 'zod';
import { Code } from './school';
import { LocalTime } from './time';

/*
 * A display profile: how one screen is set up, once, by whoever mounts it. Plain data with a schema, so that
 * profiles can be rolled out in a provisioning file today and published from one place later.
 */

export const DisplayLayout = z.enum([
  /** One room beside its door: now (with time left), next, the rest of the day. */
  'door',
  /** A set of rooms, now and next for each, paging calmly when there are many. */
  'corridor',
  /** Today's changes (and, from a set hour, the next school day's), grouped by group. */
  'changes',
  /** Announcements only. */
  'announcements',
]);
export type DisplayLayout = z.infer<typeof DisplayLayout>;

/** Which rooms a screen shows: all, one building (a wing), one floor of a building, or a chosen list. */
export const RoomSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('building'), building: z.string().min(1).max(40) }).strict(),
  z.object({ kind: z.literal('floor'), building: z.string().min(1).max(40), floor: z.number().int().min(-5).max(60) }).strict(),
  z.object({ kind: z.literal('list'), rooms: z.array(Code).min(1).max(200) }).strict(),
]);
export type RoomSelection = z.infer<typeof RoomSelection>;

/** When the screen is on. Outside these hours it goes black and lets the display sleep. */
export const OperatingHours = z.object({
  /** ISO weekdays, 1 Monday .. 7 Sunday. */
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  from: LocalTime,
  to: LocalTime,
  /** Also off on the school's holidays. */
  offOnHolidays: z.boolean().default(true),
}).strict().refine((h) => h.from < h.to, { message: 'the screen must switch on before it switches off', path: ['to'] });
export type OperatingHours = z.infer<typeof OperatingHours>;

export const ProfileId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a profile id is lower-case letters, digits and dashes');

export const DisplayProfile = z.object({
  id: ProfileId,
  name: z.string().min(1).max(80),
  layout: DisplayLayout,
  rooms: RoomSelection.default({ kind: 'all' }),
  /** Announcements aimed at this group (e.g. `aula`, `gebouw-b`) show here, besides those for every screen. */
  displayGroup: z.string().min(1).max(60).nullable().default(null),
  orientation: z.enum(['landscape', 'portrait']).default('landscape'),
  locale: z.enum(['nl', 'en']).default('nl'),
  theme: z.enum(['light', 'dark', 'high-contrast']).default('light'),
  /** Null: always on. */
  hours: OperatingHours.nullable().default(null),
  pagingSeconds: z.number().int().min(5).max(300).default(12),
  announcementBand: z.enum(['ticker', 'slides', 'off']).default('slides'),
  /** The changes board adds the next school day's changes from this time of day. */
  changesNextDayFrom: LocalTime.default('13:00'),
  /** After this long without a successful sync the "last updated" note becomes prominent. */
  staleAfterMinutes: z.number().int().min(5).max(24 * 60).default(30),
  /**
   * The screen's diagonal and how far away people read it: the type is sized from them (docs/reading-distance.md).
   * Null: the layout's usual screen (a 55-inch corridor screen read from 3 m; a 10.1-inch door tablet from 1 m).
   */
  screenInches: z.number().min(7, 'the screen diagonal is 7 to 120 inches').max(120, 'the screen diagonal is 7 to 120 inches').nullable().default(null),
  viewingMetres: z.number().min(0.3, 'the viewing distance is 0.3 to 15 metres').max(15, 'the viewing distance is 0.3 to 15 metres').nullable().default(null),
}).strict();
export type DisplayProfile = z.infer<typeof DisplayProfile>;
export type DisplayProfileInput = z.input<typeof DisplayProfile>;

/** What a screen shows when nobody set it up: the corridor overview of every room. */
export const DEFAULT_PROFILE: DisplayProfile = DisplayProfile.parse({ id: 'default', name: 'Alle lokalen', layout: 'corridor' });
