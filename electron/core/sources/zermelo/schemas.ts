import { z } from 'zod';

/*
 * Zermelo REST v3 items as the portal sends them (docs/upstream-formats.md §1). Only what Gangbord reads is declared;
 * unknown fields are ignored. A school grants field-level rights, so every field except the few a lesson cannot do
 * without may be missing or null; a field of the wrong type means the format changed, and the sync stops.
 */

const int = z.number().int();
/** Zermelo sends Unix seconds; the domain allows up to year ~275,000 in ms, we allow far less. */
const unixSeconds = z.number().int().min(0).max(1e11);
const text = z.string().nullish();
const flag = z.boolean().nullish();
const codeList = z.array(z.union([z.string(), z.number()])).nullish();

export const ZermeloAppointment = z.object({
  id: int,
  appointmentInstance: int.nullish(),
  start: unixSeconds,
  end: unixSeconds,
  startTimeSlot: int.nullish(),
  endTimeSlot: int.nullish(),
  startTimeSlotName: z.union([z.string(), z.number()]).nullish(),
  endTimeSlotName: z.union([z.string(), z.number()]).nullish(),
  type: text,
  subjects: codeList,
  teachers: codeList,
  groups: codeList,
  locations: codeList,
  valid: flag,
  hidden: flag,
  cancelled: flag,
  modified: flag,
  moved: flag,
  new: flag,
  base: flag,
  teacherChanged: flag,
  groupChanged: flag,
  locationChanged: flag,
  timeChanged: flag,
  changeDescription: text,
  cancelledReason: text,
  remark: text,
  created: unixSeconds.nullish(),
  lastModified: unixSeconds.nullish(),
  appointmentLastModified: unixSeconds.nullish(),
  branch: text,
  branchOfSchool: int.nullish(),
});
export type ZermeloAppointment = z.infer<typeof ZermeloAppointment>;

export const ZermeloLocation = z.object({
  id: int.nullish(),
  name: z.union([z.string(), z.number()]),
  branchOfSchool: int.nullish(),
  schoolInSchoolYear: int.nullish(),
  courseCapacity: int.nullish(),
});
export type ZermeloLocation = z.infer<typeof ZermeloLocation>;

export const ZermeloGroup = z.object({
  id: int.nullish(),
  name: z.union([z.string(), z.number()]),
  extendedName: text,
  isMainGroup: flag,
});
export type ZermeloGroup = z.infer<typeof ZermeloGroup>;

export const ZermeloUser = z.object({
  code: z.union([z.string(), z.number()]),
  firstName: text,
  prefix: text,
  lastName: text,
  isStudent: flag,
  isEmployee: flag,
  archived: flag,
});
export type ZermeloUser = z.infer<typeof ZermeloUser>;

export const ZermeloAnnouncement = z.object({
  id: int,
  start: unixSeconds,
  end: unixSeconds,
  title: text,
  text,
});
export type ZermeloAnnouncement = z.infer<typeof ZermeloAnnouncement>;

export const ZermeloSchoolYear = z.object({
  id: int.nullish(),
  name: text,
  schoolName: text,
  year: int.nullish(),
  archived: flag,
});
export type ZermeloSchoolYear = z.infer<typeof ZermeloSchoolYear>;

export const ZermeloBranch = z.object({
  id: int,
  branch: text,
  name: text,
});
export type ZermeloBranch = z.infer<typeof ZermeloBranch>;

/** The response of POST /oauth/token (not enveloped). */
export const ZermeloToken = z.object({
  access_token: z.string().regex(/^[A-Za-z0-9._~-]{8,200}$/),
  token_type: z.string().nullish(),
  expires_in: z.number().nullish(),
});

/** Every other answer: `{"response":{"status":200,"message":"","data":[...]}}`. */
export const ZermeloEnvelope = z.object({
  response: z.object({
    status: z.number().nullish(),
    message: z.string().nullish(),
    details: z.string().nullish(),
    data: z.array(z.unknown()).nullish(),
  }),
});

/** Field lists: what each call asks for. `required` cannot be dropped when a school denies fields. */
export interface FieldSet {
  required: readonly string[];
  optional: readonly string[];
}

export const APPOINTMENT_FIELDS: FieldSet = {
  required: ['id', 'start', 'end'],
  optional: [
    'appointmentInstance', 'startTimeSlot', 'endTimeSlot', 'startTimeSlotName', 'endTimeSlotName', 'type', 'subjects', 'teachers', 'groups',
    'locations', 'valid', 'hidden', 'cancelled', 'modified', 'moved', 'new', 'base', 'teacherChanged', 'groupChanged', 'locationChanged',
    'timeChanged', 'changeDescription', 'cancelledReason', 'remark', 'lastModified', 'branch',
  ],
};
/** The cheap question for change detection: which versions exist, and when did each change. */
export const FINGERPRINT_FIELDS: FieldSet = { required: ['id'], optional: ['lastModified'] };
export const LOCATION_FIELDS: FieldSet = { required: ['name'], optional: ['id', 'branchOfSchool', 'schoolInSchoolYear', 'courseCapacity'] };
export const GROUP_FIELDS: FieldSet = { required: ['name'], optional: ['id', 'extendedName', 'isMainGroup'] };
/** Kiosks know teachers by abbreviation only: they do not even ask for names. */
export const EMPLOYEE_CODE_FIELDS: FieldSet = { required: ['code'], optional: ['isEmployee', 'archived'] };
export const PERSON_FIELDS: FieldSet = { required: ['code'], optional: ['firstName', 'prefix', 'lastName', 'isEmployee', 'isStudent', 'archived'] };
export const ANNOUNCEMENT_FIELDS: FieldSet = { required: ['id', 'start', 'end'], optional: ['title', 'text'] };
export const SCHOOL_YEAR_FIELDS: FieldSet = { required: ['id'], optional: ['name', 'schoolName', 'year', 'archived'] };
export const BRANCH_FIELDS: FieldSet = { required: ['id'], optional: ['branch', 'name'] };
