import { z } from 'zod';
import { Announcement } from '../domain/announcement';
import { DisplayLayout, DisplayProfile, ProfileId } from '../domain/display';
import { Lesson } from '../domain/lesson';
import { Code, Holiday, Period, Room, School } from '../domain/school';
import { Instant, LocalDate } from '../domain/time';
import { SourceConfig } from '../settings';
import { AppMode, type Role } from './roles';
import { SyncStatus } from './sync';

/**
 * The contract: every call a page may make, its input and output, and the least role that may make it.
 * The main process and the web host validate against it, the preloads expose exactly it, the renderer is typed by it.
 * Inputs are strict: an unknown field is an error, not something silently dropped.
 */
interface CallDef<R extends Role, I extends z.ZodType, O extends z.ZodType> {
  role: R;
  summary: string;
  input: I;
  output: O;
}

const call = <R extends Role, I extends z.ZodType, O extends z.ZodType>(def: CallDef<R, I, O>) => def;
const noInput = z.object({}).strict();

export const ClockReading = z.object({
  /** The core's "now"; differs from the wall clock when a host was started with --now. */
  now: Instant,
  /** How many core milliseconds pass per real millisecond (1 unless accelerated for soak tests). */
  rate: z.number().positive().max(100_000),
}).strict();
export type ClockReading = z.infer<typeof ClockReading>;

export const AppInfo = z.object({
  mode: AppMode,
  version: z.string().max(40),
  school: School,
  locale: z.enum(['nl', 'en']),
  clock: ClockReading,
}).strict();
export type AppInfo = z.infer<typeof AppInfo>;

export const RoomNowNext = z.object({
  room: Room,
  now: Lesson.nullable(),
  next: Lesson.nullable(),
}).strict();
export type RoomNowNext = z.infer<typeof RoomNowNext>;

export const NowNextBoard = z.object({
  at: Instant,
  /** The school day `at` falls on. */
  day: LocalDate,
  periods: z.array(Period),
  rooms: z.array(RoomNowNext),
  /**
   * The next instant at which some room's now/next changes, or null when nothing is planned. Pages compute the
   * flip locally at that instant and ask again for the lesson after.
   */
  changesAt: Instant.nullable(),
  /** When the timetable in the cache was last refreshed from its source. */
  dataAsOf: Instant.nullable(),
}).strict();
export type NowNextBoard = z.infer<typeof NowNextBoard>;

export const RoomDay = z.object({
  room: Room,
  /** The school day asked about. */
  day: LocalDate,
  /** That day's lessons in the room (and those that moved away from it), by start. */
  lessons: z.array(Lesson),
  /** The next day after `day` on which the room has lessons (skipping weekends and holidays), if any within three weeks. */
  nextDay: LocalDate.nullable(),
  nextDayLessons: z.array(Lesson),
  periods: z.array(Period),
  dataAsOf: Instant.nullable(),
}).strict();
export type RoomDay = z.infer<typeof RoomDay>;

export const ChangesBoard = z.object({
  days: z.array(z.object({
    day: LocalDate,
    /** Changed lessons (cancelled, moved, substituted, added, rescheduled) per group, groups in code order. */
    groups: z.array(z.object({ group: Code, lessons: z.array(Lesson) }).strict()),
  }).strict()),
  dataAsOf: Instant.nullable(),
}).strict();
export type ChangesBoard = z.infer<typeof ChangesBoard>;

export const CurrentAnnouncements = z.object({
  announcements: z.array(Announcement),
  /** The next instant one of them ends or another starts: pages ask again then. */
  changesAt: Instant.nullable(),
}).strict();
export type CurrentAnnouncements = z.infer<typeof CurrentAnnouncements>;

export const DisplaySetup = z.object({
  /** The profile this screen runs. */
  profile: DisplayProfile,
  /** Every profile an administrator may switch this screen to. */
  profiles: z.array(z.object({ id: ProfileId, name: z.string(), layout: DisplayLayout }).strict()),
  /** For operating hours that skip holidays. */
  holidays: z.array(Holiday),
  /** Whether a PIN is set; without one the on-screen profile switch is off. */
  pinConfigured: z.boolean(),
}).strict();
export type DisplaySetup = z.infer<typeof DisplaySetup>;

export const ConnectionTest = z.object({
  ok: z.boolean(),
  /** What was tried, in order, in plain words: "Signed in", "Fetched 48 rooms", "Appointments: HTTP 403 ...". */
  steps: z.array(z.object({ step: z.string().max(200), ok: z.boolean(), detail: z.string().max(500) }).strict()),
}).strict();
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const calls = {
  'app.info': call({
    role: 'kiosk',
    summary: 'Mode, school, language and the core clock; the first call every page makes.',
    input: noInput,
    output: AppInfo,
  }),
  'clock.now': call({
    role: 'kiosk',
    summary: 'The core clock, for pages to keep their ticking clock in step.',
    input: noInput,
    output: ClockReading,
  }),
  'kiosk.nowNext': call({
    role: 'kiosk',
    summary: 'For each room (all, or the codes given): the lesson now and the next one, with changes.',
    input: z.object({
      at: Instant.optional(),
      rooms: z.array(Code).min(1).max(500).optional(),
    }).strict(),
    output: NowNextBoard,
  }),
  'kiosk.roomDay': call({
    role: 'kiosk',
    summary: "A door sign's day: the room's lessons on the school day of `at`, and on the next day it has lessons.",
    input: z.object({ room: Code, at: Instant.optional() }).strict(),
    output: RoomDay,
  }),
  'kiosk.changes': call({
    role: 'kiosk',
    summary: 'The changes board: changed lessons per group for the school day of `at` and, when asked, the next school day.',
    input: z.object({ at: Instant.optional(), includeNextDay: z.boolean().default(false) }).strict(),
    output: ChangesBoard,
  }),
  'display.current': call({
    role: 'kiosk',
    summary: "This screen's display profile, the profiles it may switch to, and the holidays its hours skip.",
    input: noInput,
    output: DisplaySetup,
  }),
  'display.choose': call({
    role: 'kiosk',
    summary: 'Switch this screen to another profile, from the on-screen admin overlay; needs the display PIN.',
    input: z.object({ profileId: ProfileId, pin: z.string().regex(/^\d{4,12}$/, 'the PIN is 4 to 12 digits') }).strict(),
    output: DisplayProfile,
  }),
  'rooms.list': call({
    role: 'kiosk',
    summary: 'Every room, by building and floor.',
    input: noInput,
    output: z.array(Room),
  }),
  'announcements.current': call({
    role: 'kiosk',
    summary: 'Announcements showing at an instant for a display group, highest priority first.',
    input: z.object({ at: Instant.optional(), displayGroup: z.string().min(1).max(60).optional() }).strict(),
    output: CurrentAnnouncements,
  }),
  'sync.status': call({
    role: 'kiosk',
    summary: 'How fresh the cache is and what the last sync did.',
    input: noInput,
    output: SyncStatus,
  }),
  'sources.test': call({
    role: 'admin',
    summary: 'Try a source (the configured one, or the one given) without writing anything, and say what worked.',
    input: z.object({ source: SourceConfig.optional() }).strict(),
    output: ConnectionTest,
  }),
  'sync.runNow': call({
    role: 'admin',
    summary: 'Start a sync now instead of waiting for the schedule.',
    input: noInput,
    output: SyncStatus,
  }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export const callNames = Object.keys(calls) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}

export type KioskCallName = { [N in CallName]: Calls[N]['role'] extends 'kiosk' ? N : never }[CallName];

/** The calls a kiosk page may make: the kiosk preload exposes these and nothing else. */
export const kioskCallNames = callNames.filter((name): name is KioskCallName => calls[name].role === 'kiosk');

/** IPC channel of a call. One place, so main and preload cannot drift apart. */
export const callChannel = (name: CallName) => `gangbord:call:${name}`;
