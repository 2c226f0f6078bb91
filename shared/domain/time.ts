import { z } from 'zod';

/** A moment in time: milliseconds since the Unix epoch, UTC. Every stored time is one of these. */
export const Instant = z.number().int().min(0).max(8.64e15);
export type Instant = z.infer<typeof Instant>;

/** A calendar date in the school's zone, `YYYY-MM-DD`. Days, weeks and holidays are reckoned in these. */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date as YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;

/** A wall-clock time of day, `HH:MM`, in the school's zone. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');
export type LocalTime = z.infer<typeof LocalTime>;

/** An IANA zone name such as Europe/Amsterdam. */
export const ZoneName = z.string().min(1).max(64).regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'expected an IANA time zone');
export type ZoneName = z.infer<typeof ZoneName>;
