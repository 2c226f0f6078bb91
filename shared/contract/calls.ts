import { z } from 'zod';
import { Announcement } from '../domain/announcement';
import { DisplayLayout, DisplayProfile, ProfileId } from '../domain/display';
import { ALERT_TEMPLATE_NAMES } from '../fleet/alertTemplates';
import { FLEET_COMMANDS } from '../fleet/commands';
import { CONNECTION_STEP_CODES } from './connectionSteps';
import { Lesson } from '../domain/lesson';
import { Code, Holiday, Period, Room, School } from '../domain/school';
import { AccountImportPlan, AccountImportResult } from '../domain/accountImport';
import {
  AuditEntry, AuditKind, FreeRooms, GroupMember, Password, PhotoImportPreview, PhotoImportReport, PupilCard, SearchHit, StaffAccount, StaffRole,
  PupilSearchDay, RecoveryCode, StaffUser, TimetableSubject, TotpCode, TotpEnrollment, Username, WeekTimetable,
} from '../domain/staff';
import { PupilNumber } from '../domain/people';
import { PHOTO_NAMING } from '../domain/photoNaming';
import { Instant, LocalDate } from '../domain/time';
import { SecretRef, SourceConfig } from '../settings';
import { AppMode, type Role } from './roles';
import { SyncErrorCode, SyncStatus } from './sync';

/**
 * The contract: every call a page may make, its input and output, and the least role that may make it.
 * The main process and the web host validate against it, the preloads expose exactly it, the renderer is typed by it.
 * Inputs are strict: an unknown field is an error, not something silently dropped.
 */
interface CallDef<R extends Role, I extends z.ZodType, O extends z.ZodType, W extends 'staff' | undefined = undefined> {
  role: R;
  /** `staff`: only staff windows may make it (sign-in), even though it needs no role; kiosk windows never see it. */
  window?: W;
  summary: string;
  input: I;
  output: O;
}

const call = <R extends Role, I extends z.ZodType, O extends z.ZodType, W extends 'staff' | undefined = undefined>(def: CallDef<R, I, O, W>) => def;
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

/** A screen in a school's fleet (docs/fleet.md): who it is, and whether the roster has approved it yet. */
export const FleetScreenInfo = z.object({
  screenId: z.string().max(63),
  /** The first groups of its key's fingerprint, for the administrator to compare before approving. */
  code: z.string().max(20),
  fingerprint: z.string().max(60),
  enrolled: z.boolean(),
  /** The name the administrator gave it, once approved. */
  name: z.string().max(80).nullable(),
  /** A staff PC the roster lists as revoked (it removed its pupils and photos); absent for a screen. */
  revoked: z.boolean().optional(),
}).strict();
export type FleetScreenInfo = z.infer<typeof FleetScreenInfo>;

const PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a public key is 43 characters of base64url');
const ScreenId = z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'a screen id is lower-case letters, digits and dashes');

/** One screen on the Screens page: its health from its signed status (and the broker's word that it went away). */
export const FleetScreenRow = z.object({
  id: ScreenId,
  name: z.string().max(80),
  profile: z.string().max(40).nullable(),
  /** green under 90 s, amber under 10 minutes, red beyond; grey outside its hours; unknown: no status yet. */
  health: z.enum(['green', 'amber', 'red', 'grey', 'unknown']),
  statusAt: Instant.nullable(),
  version: z.string().max(40).nullable(),
  dataAsOf: Instant.nullable(),
  lastError: z.string().max(500).nullable(),
  refusals: z.number().int().min(0),
  /** How far the screen's clock is off the folder's (seconds); null: not known. */
  clockOffsetSeconds: z.number().int().nullable(),
  /** When its thumbnail was last written; null: none yet (the desktop app takes one every five minutes). */
  thumbnailAt: Instant.nullable(),
  /** The broker said it went away (its Last Will): false without a broker (docs/fleet-mqtt.md). */
  offline: z.boolean(),
}).strict();

/** The Screens page (docs/fleet.md): every approved screen with its health, and the screens waiting. */
export const FleetOverview = z.object({
  /** Null: this PC is not the fleet's publisher desk (settings `fleet`, role publisher). */
  publisher: z.object({
    school: z.string().max(80), folder: z.string().max(500), fingerprint: z.string().max(60),
    /** The fleet's broker (docs/fleet-mqtt.md), or null when the folder alone carries the fleet. */
    broker: z.object({ url: z.string().max(300), connected: z.boolean(), embedded: z.boolean() }).strict().nullable(),
  }).strict().nullable(),
  /** Null: this PC is not an alert sender (settings `fleet`, role sender). */
  sender: z.object({
    school: z.string().max(80), folder: z.string().max(500), fingerprint: z.string().max(60),
    /** What the publisher's administrator adds to the roster to let this PC's alerts through. */
    publicKey: PublicKeyText,
    /** Whether the roster lists this PC's key, so screens believe its alerts. */
    listed: z.boolean(),
    /** Why the roster could not be read (none yet, refused); null when it was. */
    rosterProblem: z.string().max(200).nullable(),
  }).strict().nullable(),
  screens: z.array(FleetScreenRow).max(2000),
  /** Screens and staff PCs that asked to join: a staff PC gets the staff bundle (pupils, photos) once approved. */
  waiting: z.array(z.object({ id: ScreenId, kind: z.enum(['screen', 'staff-pc']), fingerprint: z.string().max(60), at: Instant }).strict()).max(2000),
  /** Staff PCs approved on this publisher desk, revoked ones too (their earlier audit entries still count). */
  staffPcs: z.array(z.object({ id: ScreenId, name: z.string().max(80), approvedAt: Instant, revokedAt: Instant.nullable() }).strict()).max(500),
  /** The school's display profiles; a display group gathers the screens whose profile names it. */
  profiles: z.array(z.object({ id: ProfileId, name: z.string().max(80), displayGroup: z.string().max(60).nullable() }).strict()).max(200),
  /** The PCs whose alerts screens believe besides the publisher's (publisher desk only). */
  senders: z.array(z.object({ name: z.string().max(80), publicKey: PublicKeyText, fingerprint: z.string().max(60) }).strict()).max(100),
  /**
   * A board's publisher desk: the other schools it watches through the broker (settings fleet.mqtt.board), each with
   * its screens (read-only here) or why they cannot be shown.
   */
  board: z.array(z.object({
    school: z.string().max(80), problem: z.string().max(200).nullable(), screens: z.array(FleetScreenRow).max(2000),
  }).strict()).max(60),
}).strict();
export type FleetOverview = z.infer<typeof FleetOverview>;

/** The school's audit log (docs/fleet.md, "One audit log"): entries by staff PC, what could not be taken, and the check. */
export const SchoolAudit = z.object({
  entries: z.array(z.object({
    pc: ScreenId, pcName: z.string().max(80), id: z.number().int().positive(), at: Instant, actor: z.string().max(200),
    /** As the staff PC wrote it: a PC on a newer version may log an action this one does not know, and it still counts. */
    action: z.string().max(60),
    subject: z.string().max(200).nullable(), detail: z.string().max(2000).nullable(),
    /** The pupil's name beside a look at a pupil, where the publisher desk's cache has them. */
    subjectName: z.string().max(200).optional(),
  }).strict()).max(1000),
  /** Batches that were not taken (a gap, a broken chain, made after revocation): a finding, not something skipped. */
  problems: z.array(z.object({ pc: ScreenId, name: z.string().max(80), reason: z.string().max(40), detail: z.string().max(300) }).strict()).max(500),
  /** Every PC's chain recomputed from its first entry. */
  verified: z.object({
    ok: z.boolean(), checked: z.number().int().min(0), broken: z.array(z.object({ pc: ScreenId, at: z.number().int() }).strict()).max(500),
  }).strict(),
}).strict();
export type SchoolAudit = z.infer<typeof SchoolAudit>;

export const ConnectionTest = z.object({
  ok: z.boolean(),
  /** What was tried, in order, in plain words: "Signed in", "Fetched 48 rooms", "Appointments: HTTP 403 ...". */
  steps: z.array(z.object({
    /** The step's name in English (the log, the command line); pages word `code` in their own language. */
    step: z.string().max(200),
    ok: z.boolean(),
    detail: z.string().max(500),
    code: z.enum(CONNECTION_STEP_CODES),
    /** The week number, feed or file a step is about; null when it is about none. */
    subject: z.string().max(200).nullable(),
    /** How many (rooms, pupils, lessons) the step found, for the page to word in its own language. */
    count: z.number().int().min(0).nullable().optional(),
    /** Why a failed step failed, as the sync status codes it; the page words it and keeps `detail` as the source's own text. */
    error: SyncErrorCode.nullable().optional(),
  }).strict()),
}).strict();
export type ConnectionTest = z.infer<typeof ConnectionTest>;
/** One step of a connection test, as every connector reports it. */
export type ConnectionStep = ConnectionTest['steps'][number];

export const AuthStatus = z.object({
  user: StaffUser.nullable(),
  /** No account exists yet: the first administrator is created on this screen. */
  setupNeeded: z.boolean(),
  /** After this many idle minutes the screen locks back to sign-in. */
  idleLockMinutes: z.number().int().min(1).max(120),
  /** Signing in with the school's own account is set up: the sign-in screen offers it (with the provider's name). */
  schoolSignIn: z.object({ preset: z.enum(['entra', 'google', 'custom']) }).strict().nullable().optional(),
}).strict();
export type AuthStatus = z.infer<typeof AuthStatus>;

/**
 * Why a sign-in with the school's account was refused: the attempt expired or was used already, the provider refused
 * the code (a replay), the token names another issuer or audience, has expired, or is not signed by the provider's
 * keys; the account is in no group that has a role, or is disabled here; the provider answered an error or not at all.
 */
export const SchoolSignInRefusal = z.enum([
  'not-configured', 'expired-attempt', 'code-refused', 'wrong-issuer', 'wrong-audience', 'token-expired', 'bad-signature', 'replayed',
  'no-role', 'disabled', 'provider-error', 'unreachable', 'other',
]);
export type SchoolSignInRefusal = z.infer<typeof SchoolSignInRefusal>;

export const SignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), user: StaffUser }).strict(),
  /** Password right; now the 6-digit code (auth.verifyTotp). */
  z.object({ status: z.literal('totp-required') }).strict(),
  /** Password right, but this account must set up its authenticator first (administrators always have one). */
  z.object({ status: z.literal('totp-setup-required'), totp: TotpEnrollment }).strict(),
  /** Password right, but it is a first one from an administrator: a new one first (auth.setNewPassword). */
  z.object({ status: z.literal('password-change-required') }).strict(),
  /** Only from auth.schoolSignInFinish: the school account's sign-in was not accepted, and why (audited). */
  z.object({ status: z.literal('refused'), reason: SchoolSignInRefusal }).strict(),
]);
export type SignInResult = z.infer<typeof SignInResult>;

const AuditFilter = z.object({
  actor: z.string().max(40).optional(),
  pupil: PupilNumber.optional(),
  kind: AuditKind.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
}).strict();

const staffOnly = 'staff' as const;

/** Where a photo import reads from (a folder or a ZIP on this machine) and how file names give pupils. */
const PhotoSource = z.object({
  kind: z.enum(['folder', 'zip']),
  path: z.string().min(1).max(1000),
  /** A regular expression on the file name whose first group is the pupil number (a preset, or the school's own). */
  pattern: z.string().max(200).default(PHOTO_NAMING.number),
}).strict();

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
    input: z
      .object({
        at: Instant.optional(),
        rooms: z.array(Code).min(1).max(500).optional(),
      })
      .strict(),
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
  'fleet.screen': call({
    role: 'kiosk',
    summary: "This screen in its school's fleet: its id, fingerprint and whether it is approved; null outside a fleet.",
    input: noInput,
    output: FleetScreenInfo.nullable(),
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
  'auth.status': call({
    role: 'kiosk',
    window: staffOnly,
    summary: 'Who is signed in on this staff window, and whether the first administrator must still be created.',
    input: noInput,
    output: AuthStatus,
  }),
  'auth.setup': call({
    role: 'kiosk',
    window: staffOnly,
    summary: 'Create the first administrator (only while no account exists); answers the authenticator secret to set up.',
    input: z.object({ username: Username, displayName: z.string().trim().min(1).max(100), password: Password }).strict(),
    output: z.object({ user: StaffUser, totp: TotpEnrollment }).strict(),
  }),
  'auth.signIn': call({
    role: 'kiosk',
    window: staffOnly,
    summary: 'First step of signing in: username and password.',
    input: z.object({ username: Username, password: z.string().min(1).max(200) }).strict(),
    output: SignInResult,
  }),
  'auth.setNewPassword': call({
    role: 'kiosk',
    window: staffOnly,
    summary: 'After a first password from an administrator: the new password of your own; the sign-in then goes on.',
    input: z.object({ password: Password }).strict(),
    output: SignInResult,
  }),
  'auth.schoolSignInStart': call({
    role: 'kiosk',
    window: staffOnly,
    summary: "Start signing in with the school's account: the provider's address to open (PKCE, state and nonce kept here). The redirect is to this machine.",
    input: z.object({ redirectUri: z.string().url().max(300) }).strict(),
    output: z.object({ url: z.string().url().max(4000) }).strict(),
  }),
  'auth.schoolSignInFinish': call({
    role: 'kiosk',
    window: staffOnly,
    summary: "Finish signing in with the school's account: the address the provider sent the browser back to (code and state).",
    input: z.object({ callbackUrl: z.string().url().max(4000) }).strict(),
    output: SignInResult,
  }),
  'auth.verifyTotp': call({
    role: 'kiosk',
    window: staffOnly,
    summary: 'Second step: the 6-digit code from the authenticator app (a code is accepted once only).',
    input: z.object({ code: TotpCode }).strict(),
    output: z.object({ user: StaffUser }).strict(),
  }),
  'auth.useRecoveryCode': call({
    role: 'kiosk',
    window: staffOnly,
    summary: 'Second step with a recovery code instead of the authenticator (a lost phone); each code works once.',
    input: z.object({ code: RecoveryCode }).strict(),
    output: z.object({ user: StaffUser, codesLeft: z.number().int().min(0) }).strict(),
  }),
  'auth.newRecoveryCodes': call({
    role: 'teacher',
    summary: 'New recovery codes for your account (the old ones stop working), after a code from your authenticator; shown once.',
    input: z.object({ code: TotpCode }).strict(),
    output: z.object({ codes: z.array(z.string()).length(10) }).strict(),
  }),
  'auth.signOut': call({
    role: 'kiosk',
    window: staffOnly,
    summary: 'Sign out of this window (also what the idle lock does).',
    input: noInput,
    output: z.object({}).strict(),
  }),
  'auth.changePassword': call({
    role: 'teacher',
    summary: 'Change your own password.',
    input: z.object({ current: z.string().min(1).max(200), next: Password }).strict(),
    output: z.object({}).strict(),
  }),
  'auth.enrollTotp': call({
    role: 'teacher',
    summary:
      'Start using an authenticator app, or a new one: the secret to set up; auth.verifyTotp with a code from it confirms it, and until then the current one stays in force.',
    input: noInput,
    output: TotpEnrollment,
  }),
  'accounts.list': call({ role: 'admin', summary: 'Every staff account.', input: noInput, output: z.array(StaffAccount) }),
  'accounts.create': call({
    role: 'admin',
    summary: 'Create a staff account with a first password.',
    input: z
      .object({
        username: Username,
        displayName: z.string().trim().min(1).max(100),
        role: StaffRole,
        password: Password,
        teacherCode: z.string().max(40).nullable().default(null),
        /** The password is a first one to hand over: the next sign-in asks for a new one. */
        mustChangePassword: z.boolean().default(false),
      })
      .strict(),
    output: StaffAccount,
  }),
  'accounts.importPreview': call({
    role: 'admin',
    summary: "What importing a staff list (CSV: code, name, e-mail, role) would do, row by row, with each refusal's reason. Writes nothing.",
    input: z.object({ csv: z.string().max(2_000_000) }).strict(),
    output: AccountImportPlan,
  }),
  'accounts.import': call({
    role: 'admin',
    summary: 'Import a staff list: every accepted row in one go; new accounts get a first password, shown once, to replace at first sign-in.',
    input: z.object({ csv: z.string().max(2_000_000) }).strict(),
    output: AccountImportResult,
  }),
  'accounts.bulkUpdate': call({
    role: 'admin',
    summary: 'Give many accounts one role, or disable or enable them, at once (never your own).',
    input: z.object({ ids: z.array(z.number().int().positive()).min(1).max(5000), role: StaffRole.optional(), disabled: z.boolean().optional() }).strict(),
    output: z.object({ changed: z.number().int().min(0) }).strict(),
  }),
  'accounts.update': call({
    role: 'admin',
    summary: 'Change an account: name, role, disabled, a new password, or reset its authenticator.',
    input: z
      .object({
        id: z.number().int().positive(),
        displayName: z.string().trim().min(1).max(100).optional(),
        role: StaffRole.optional(),
        disabled: z.boolean().optional(),
        password: Password.optional(),
        resetTotp: z.boolean().optional(),
      })
      .strict(),
    output: StaffAccount,
  }),
  'accounts.fromUpstream': call({
    role: 'admin',
    summary: "Create (disabled, password-less) accounts for the timetable's teachers that have none.",
    input: noInput,
    output: z.object({ created: z.number().int().min(0) }).strict(),
  }),
  'search.query': call({
    role: 'teacher',
    summary: 'Search as you type over pupils, teachers, groups, rooms and subjects.',
    input: z.object({ text: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z
      .object({
        hits: z.array(SearchHit),
        /** This session was shown its share of pupils (docs/security-accounts.md §4): none now until it signs in again. */
        pupilsWithheld: z.boolean(),
      })
      .strict(),
  }),
  'timetable.week': call({
    role: 'teacher',
    summary: "The week's lessons of a pupil, teacher, group or room (a pupil's is audited).",
    input: z.object({ kind: TimetableSubject, code: z.string().min(1).max(40), monday: LocalDate }).strict(),
    output: WeekTimetable,
  }),
  'timetable.whereNow': call({
    role: 'teacher',
    summary: 'Where a pupil, group or teacher should be now, and next (a pupil is audited).',
    input: z.object({ kind: z.enum(['pupil', 'group', 'teacher']), code: z.string().min(1).max(40), at: Instant.optional() }).strict(),
    output: z.object({ now: Lesson.nullable(), next: Lesson.nullable() }).strict(),
  }),
  'rooms.free': call({
    role: 'teacher',
    summary: 'Teaching rooms free in a period of a day, by building and capacity, each with until when it stays free.',
    input: z
      .object({
        day: LocalDate,
        period: z.number().int().min(0).max(20),
        building: z.string().max(40).optional(),
        minCapacity: z.number().int().min(0).max(5000).optional(),
        /** Gyms, the aula and offices too (left out by default). */
        withOtherRooms: z.boolean().default(false),
      })
      .strict(),
    output: FreeRooms,
  }),
  'pupils.card': call({
    role: 'teacher',
    summary: "Open a pupil's card: name, number, groups, where now. Audited.",
    input: z.object({ number: PupilNumber }).strict(),
    output: PupilCard,
  }),
  'pupils.photo': call({
    role: 'teacher',
    summary: "Show a pupil's photo, on purpose and only with consent. Audited.",
    input: z.object({ number: PupilNumber }).strict(),
    output: z.object({ mime: z.enum(['image/jpeg', 'image/png']), base64: z.string().max(2_000_000) }).strict(),
  }),
  'subjects.detail': call({
    role: 'teacher',
    summary: 'A subject\'s groups and teachers (this and the next two weeks), leading to their timetables.',
    input: z.object({ code: Code }).strict(),
    output: z.object({
      code: Code, name: z.string().max(120),
      groups: z.array(Code).max(2000),
      teachers: z.array(z.object({ code: Code, name: z.string().max(200) }).strict()).max(2000),
    }).strict(),
  }),
  'groups.members': call({
    role: 'teacher',
    summary: "A group's pupils, for its photo grid (smoelenboek); photos come one by one through pupils.photo. Audited.",
    input: z.object({ group: Code }).strict(),
    output: z.object({ group: Code, pupils: z.array(GroupMember) }).strict(),
  }),
  'photos.preview': call({
    role: 'admin',
    summary: 'What importing this folder or ZIP with this naming would do, from the file names alone; nothing is read or stored.',
    input: PhotoSource,
    output: PhotoImportPreview,
  }),
  'host.choosePath': call({
    role: 'admin',
    summary: "The desktop app's own file dialog for a folder or a ZIP file; the web host has none (the path is typed there).",
    input: z.object({ kind: z.enum(['folder', 'zip']) }).strict(),
    output: z.object({ path: z.string().max(1000).nullable() }).strict(),
  }),
  'photos.import': call({
    role: 'admin',
    summary: 'Import pupil photos from a folder or a ZIP file on this machine; progress comes as photos.progress events.',
    input: PhotoSource,
    output: PhotoImportReport,
  }),
  'audit.query': call({
    role: 'admin',
    summary: 'The audit log, newest first, by person, pupil and date.',
    input: AuditFilter.extend({ limit: z.number().int().min(1).max(500).default(100), before: z.number().int().positive().optional() }).strict(),
    output: z.object({ entries: z.array(AuditEntry), more: z.boolean() }).strict(),
  }),
  'fleet.schoolAudit': call({
    role: 'admin',
    summary: "The school's audit log on the publisher desk: every staff PC's entries, taken from the fleet folder and their chains checked.",
    input: z.object({
      pc: ScreenId.optional(), actor: z.string().max(40).optional(), pupil: PupilNumber.optional(), kind: AuditKind.optional(),
      from: Instant.optional(), to: Instant.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }).strict(),
    output: SchoolAudit,
  }),
  'audit.exportCsv': call({ role: 'admin', summary: 'The filtered audit log as CSV.', input: AuditFilter, output: z.object({ csv: z.string() }).strict() }),
  'audit.pupilSearches': call({
    role: 'admin',
    summary: 'Pupil searches per person and day, with how many pupils each was shown; days that look like reading out the school are flagged.',
    input: z.object({ days: z.number().int().min(1).max(366).default(30) }).strict(),
    output: z.object({ rows: z.array(PupilSearchDay) }).strict(),
  }),
  'audit.verify': call({
    role: 'admin',
    summary: 'Check the hash chain of the whole audit log.',
    input: noInput,
    output: z.object({ ok: z.boolean(), checked: z.number().int().min(0), brokenAt: z.number().int().positive().nullable() }).strict(),
  }),
  'privacy.export': call({
    role: 'admin',
    summary: 'Everything held about one pupil, as JSON (a right of access request). Audited.',
    input: z.object({ number: PupilNumber }).strict(),
    output: z.object({ json: z.string() }).strict(),
  }),
  'privacy.erase': call({
    role: 'admin',
    summary: "Erase one pupil's photo and personal data here, and keep them out of later syncs. Audited.",
    input: z.object({ number: PupilNumber }).strict(),
    output: z.object({ erased: z.boolean() }).strict(),
  }),
  'fleet.overview': call({
    role: 'admin',
    summary: "The fleet's screens with their health, and the screens waiting to be approved.",
    input: noInput,
    output: FleetOverview,
  }),
  'fleet.approve': call({
    role: 'admin',
    summary: 'Approve a waiting screen (after comparing the code it shows), name it and give it a profile.',
    input: z.object({ screenId: ScreenId, name: z.string().trim().min(1).max(80), profile: ProfileId.nullable() }).strict(),
    output: z.object({}).strict(),
  }),
  'fleet.revoke': call({
    role: 'admin',
    summary: 'Take a screen out of the fleet: its key is no longer believed.',
    input: z.object({ screenId: ScreenId }).strict(),
    output: z.object({}).strict(),
  }),
  'fleet.command': call({
    role: 'admin',
    summary: 'Ask screens to identify themselves (their name, large, for 30 s), reload their page, or take a new thumbnail.',
    input: z.object({ action: z.enum(FLEET_COMMANDS), screenIds: z.array(ScreenId).min(1).max(2000) }).strict(),
    output: z.object({}).strict(),
  }),
  'fleet.assignProfile': call({
    role: 'admin',
    summary: 'Give screens another display profile (null: each its own choice); they switch when they read the roster.',
    input: z.object({ screenIds: z.array(ScreenId).min(1).max(2000), profile: ProfileId.nullable() }).strict(),
    output: z.object({}).strict(),
  }),
  'fleet.thumbnail': call({
    role: 'admin',
    summary: "A screen's last thumbnail as a PNG data URL, its signature checked; null when it has none.",
    input: z.object({ screenId: ScreenId }).strict(),
    output: z
      .object({ at: Instant, dataUrl: z.string().max(800_000) })
      .strict()
      .nullable(),
  }),
  'fleet.statusExport': call({
    role: 'admin',
    summary: "The fleet's status for the school's monitoring, as CSV or JSON text.",
    input: z.object({ format: z.enum(['csv', 'json']) }).strict(),
    output: z.object({ text: z.string().max(5_000_000) }).strict(),
  }),
  'fleet.addSender': call({
    role: 'admin',
    summary: 'Let another staff PC send alerts: its name and the public key its Screens page shows.',
    input: z.object({ name: z.string().trim().min(1).max(80), publicKey: z.string().trim().max(200) }).strict(),
    output: z.object({ fingerprint: z.string().max(60) }).strict(),
  }),
  'fleet.removeSender': call({
    role: 'admin',
    summary: 'Take an alert sender out of the roster: screens no longer believe its alerts.',
    input: z.object({ publicKey: PublicKeyText }).strict(),
    output: z.object({}).strict(),
  }),
  'fleet.readCap': call({
    role: 'admin',
    summary: "Read a CAP 1.2 alert (the file's text, or its https address) into an alert to check and send.",
    input: z.union([z.object({ xml: z.string().min(1).max(300_000) }).strict(), z.object({ url: z.string().trim().min(1).max(2000) }).strict()]),
    output: z
      .object({
        template: z.enum(ALERT_TEMPLATE_NAMES),
        title: z.string().max(120).nullable(),
        text: z.string().max(1000),
        drill: z.boolean(),
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
        identifier: z.string().max(500),
        sender: z.string().max(500),
      })
      .strict(),
  }),
  'fleet.sendAlert': call({
    role: 'admin',
    summary: 'Send an emergency alert to every screen, or some display groups; it holds until an all clear or `minutes`.',
    input: z
      .object({
        template: z.enum(ALERT_TEMPLATE_NAMES),
        title: z.string().trim().max(120).default(''),
        text: z.string().trim().max(1000).default(''),
        drill: z.boolean(),
        groups: z.array(z.string().min(1).max(60)).max(50).default([]),
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(60),
      })
      .strict(),
    output: z.object({ alertId: z.string().max(64) }).strict(),
  }),
  'fleet.acknowledgements': call({
    role: 'admin',
    summary: 'How many screens show an alert, and which do not (yet).',
    input: z.object({ alertId: z.string().min(1).max(64) }).strict(),
    output: z.object({ shown: z.number().int().min(0), total: z.number().int().min(0), missing: z.array(z.string().max(80)).max(2000) }).strict(),
  }),
  'sources.get': call({
    role: 'admin',
    summary: 'The configured source, which of its credentials are set (names only), and its sync status.',
    input: noInput,
    output: z.object({ source: SourceConfig.nullable(), secretsSet: z.array(SecretRef), status: SyncStatus }).strict(),
  }),
  'sources.set': call({
    role: 'admin',
    summary: 'Use another source (null: the demo school); a sync starts at once.',
    input: z.object({ source: SourceConfig.nullable() }).strict(),
    output: z.object({ source: SourceConfig.nullable() }).strict(),
  }),
  'sources.setSecret': call({
    role: 'admin',
    summary: "Store a source's credential (a WebUntis password, a feed's private address) encrypted on this machine; it is never shown again.",
    input: z.object({ name: SecretRef, value: z.string().min(1).max(4000) }).strict(),
    output: z.object({}).strict(),
  }),
  'sources.linkZermelo': call({
    role: 'admin',
    summary: "Link with a Zermelo portal by its koppelcode; the token is stored as the source's credential.",
    input: z.object({ portal: z.string().min(2).max(200), koppelcode: z.string().min(4).max(80), token: SecretRef.default('zermelo.token') }).strict(),
    output: z.object({ linked: z.literal(true) }).strict(),
  }),
  'sources.test': call({
    role: 'admin',
    summary: 'Try a source (the configured one, or the one given) without writing anything, and say what worked.',
    input: z.object({
      source: SourceConfig.optional(),
      /** Credentials typed into the form, by the names `source` gives them: used for this test only, never stored. */
      typedSecrets: z.record(SecretRef, z.string().min(1).max(4000)).refine((r) => Object.keys(r).length <= 500, 'at most 500').default({}),
    }).strict(),
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

export type KioskCallName = {
  [N in CallName]: Calls[N]['role'] extends 'kiosk' ? ([NonNullable<(Calls[N] & { window?: unknown })['window']>] extends [never] ? N : never) : never;
}[CallName];

/** The calls a kiosk page may make: the kiosk preload exposes these and nothing else. */
export const kioskCallNames = callNames.filter((name): name is KioskCallName => {
  const def: { role: Role; window?: 'staff' } = calls[name];
  return def.role === 'kiosk' && def.window !== 'staff';
});

/** IPC channel of a call. One place, so main and preload cannot drift apart. */
export const callChannel = (name: CallName) => `gangbord:call:${name}`;
