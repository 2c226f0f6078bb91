import { z } from 'zod';
import { AUDIT_KIND_NAMES } from './auditKinds';
import { Code, Period, Room } from './school';
import { Lesson } from './lesson';
import { Instant, LocalDate } from './time';
import { PupilNumber } from './people';
import { RECOVERY_CODE_FORMAT } from './recoveryCodeFormat';

/** A staff account (teacher or administrator); administrators are staff too. */
export const StaffRole = z.enum(['teacher', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const Username = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'a username is 2 to 40 letters, digits, dots, dashes or underscores');
/** Long enough to resist guessing on a shared PC; no composition rules (NIST 800-63B). */
export const Password = z.string().min(10, 'a password has at least 10 characters').max(200);
export const TotpCode = z.string().regex(/^\d{6}$/, 'the code from the authenticator app is 6 digits');
export const RecoveryCode = z.string().trim().regex(RECOVERY_CODE_FORMAT, 'a recovery code is ten letters and digits, like K7QMX-3HRTP');

export const StaffUser = z.object({
  id: z.number().int().positive(),
  username: Username,
  displayName: z.string().min(1).max(100),
  role: StaffRole,
  totpEnabled: z.boolean(),
  /** The teacher's abbreviation in the timetable, when linked. */
  teacherCode: Code.nullable(),
}).strict();
export type StaffUser = z.infer<typeof StaffUser>;

export const StaffAccount = StaffUser.extend({
  disabled: z.boolean(),
  lockedUntil: Instant.nullable(),
  lastSignInAt: Instant.nullable(),
  hasPassword: z.boolean(),
  /** An administrator reopened its authenticator set-up: offered at its next sign-in. */
  totpSetupOpen: z.boolean(),
  /** From the school's staff list; used to match a sign-in with the school's own account. */
  email: z.string().max(200).nullable(),
  /** Its password is a first one from an administrator: the next sign-in asks for a new one. */
  mustChangePassword: z.boolean(),
}).strict();
export type StaffAccount = z.infer<typeof StaffAccount>;

/** What an authenticator app needs to be set up: the secret (for typing in) and the otpauth:// URI (for a QR code). */
export const TotpEnrollment = z.object({ secret: z.string().min(16).max(64), uri: z.string().startsWith('otpauth://totp/') }).strict();
export type TotpEnrollment = z.infer<typeof TotpEnrollment>;

export const SearchKind = z.enum(['pupil', 'teacher', 'group', 'room', 'subject']);
export type SearchKind = z.infer<typeof SearchKind>;

export const SearchHit = z.object({
  kind: SearchKind,
  /** Pupil number, teacher abbreviation, group, room or subject code. */
  code: z.string().max(40),
  /** What the list shows first: a name, or the code. */
  label: z.string().max(200),
  /** A second line: a pupil's class, a teacher's abbreviation, a room's building and floor. */
  detail: z.string().max(200),
}).strict();
export type SearchHit = z.infer<typeof SearchHit>;

export const PhotoState = z.enum(['available', 'no-consent', 'none']);
export type PhotoState = z.infer<typeof PhotoState>;

export const PupilCard = z.object({
  pupil: z.object({
    number: PupilNumber,
    firstName: z.string(),
    prefix: z.string().nullable(),
    lastName: z.string(),
    groups: z.array(Code),
  }).strict(),
  photo: PhotoState,
  /** Where the pupil should be now and next, from their groups' timetable. */
  now: Lesson.nullable(),
  next: Lesson.nullable(),
}).strict();
export type PupilCard = z.infer<typeof PupilCard>;

export const GroupMember = z.object({
  number: PupilNumber,
  displayName: z.string(),
  /** "Berg, Sanne van den": the Dutch way, sorted under the last name without its tussenvoegsel. */
  sortName: z.string(),
  photo: PhotoState,
}).strict();
export type GroupMember = z.infer<typeof GroupMember>;

export const TimetableSubject = z.enum(['pupil', 'teacher', 'group', 'room']);
export type TimetableSubject = z.infer<typeof TimetableSubject>;

export const WeekTimetable = z.object({
  kind: TimetableSubject,
  code: z.string().max(40),
  title: z.string().max(200),
  monday: LocalDate,
  /** The school's periods, the rows of the week grid. */
  periods: z.array(Period).max(20),
  lessons: z.array(Lesson),
}).strict();
export type WeekTimetable = z.infer<typeof WeekTimetable>;

/** A free room, and until when it stays free that day (null: the rest of the day). */
export const FreeRoom = Room.extend({ freeUntil: Instant.nullable() }).strict();
export const FreeRooms = z.object({ day: LocalDate, period: z.number().int(), rooms: z.array(FreeRoom) }).strict();
export type FreeRooms = z.infer<typeof FreeRooms>;

export const AuditAction = z.enum([
  'auth.sign-in', 'auth.sign-in-failed', 'auth.sign-out', 'auth.locked', 'auth.factor', 'auth.recovery-code',
  'pupil.card', 'pupil.photo', 'pupil.timetable', 'pupil.where-now', 'pupil.search', 'group.members',
  'accounts.change', 'sources.change', 'photos.import', 'privacy.export', 'privacy.erase', 'retention.purge', 'audit.export',
  'fleet.change', 'fleet.alert',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditKind = z.enum(AUDIT_KIND_NAMES);
export type AuditKind = z.infer<typeof AuditKind>;

/** One person's pupil searches on one day (the audit log's `pupil.search` entries, summed). */
export const PupilSearchDay = z.object({
  actor: z.string().max(40),
  day: LocalDate,
  searches: z.number().int().min(0),
  pupilsShown: z.number().int().min(0),
  refused: z.number().int().min(0),
  /** Many pupils in a day, or a spent session budget: worth a look by whoever answers for privacy. */
  flagged: z.boolean(),
}).strict();
export type PupilSearchDay = z.infer<typeof PupilSearchDay>;

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: Instant,
  /** The staff member's username, or `system`. */
  actor: z.string().max(40),
  action: AuditAction,
  /** What was looked at: a pupil number, a group code, an account name. */
  subject: z.string().max(100).nullable(),
  detail: z.string().max(500).nullable(),
  /** The pupil's name for a look at a pupil, where the viewer may see it (administrators); absent otherwise. */
  subjectName: z.string().max(200).nullable().optional(),
}).strict();
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Why a file was not imported, as a code the staff page words in its own language; the report keeps the core's own
 * sentence beside it as the technical detail.
 */
export const PHOTO_REFUSALS = [
  'notImage', 'damaged', 'tooLarge', 'tooManyPixels', 'tooSmall', 'hiddenData', 'link', 'notAFile', 'unreadable', 'encrypted',
  'unsupportedPacking', 'zipBomb', 'unsafeName', 'notZip', 'tooManyFiles', 'duplicate', 'noConsent', 'ambiguous', 'cancelled', 'other',
] as const;
export const PhotoRefusalCode = z.enum(PHOTO_REFUSALS);
export type PhotoRefusalCode = z.infer<typeof PhotoRefusalCode>;

export const PhotoImportReport = z.object({
  files: z.number().int().min(0),
  stored: z.number().int().min(0),
  /** Files whose name gave no pupil number of the school. */
  unmatched: z.array(z.string().max(300)).max(10_000),
  /** Files refused, and why in plain words. */
  rejected: z.array(z.object({ file: z.string().max(300), code: PhotoRefusalCode, reason: z.string().max(300) }).strict()).max(10_000),
}).strict();
export type PhotoImportReport = z.infer<typeof PhotoImportReport>;

/** What an import would do, from the file names alone (nothing read): matches with examples, misses, refusals. */
export const PhotoImportPreview = z.object({
  files: z.number().int().min(0),
  matched: z.number().int().min(0),
  examples: z.array(z.object({ file: z.string().max(300), pupilNumber: z.string().max(40) }).strict()).max(20),
  unmatched: z.number().int().min(0),
  unmatchedExamples: z.array(z.string().max(300)).max(20),
  /** Refused before reading (at most 200 listed): a second file for a pupil, no consent, an unsafe name. */
  refused: z.array(z.object({ file: z.string().max(300), code: PhotoRefusalCode }).strict()).max(200),
}).strict();
export type PhotoImportPreview = z.infer<typeof PhotoImportPreview>;
