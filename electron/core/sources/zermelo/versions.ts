import type { ZermeloAppointment } from './schemas';

/**
 * Zermelo keeps every version of an appointment: a change makes a new version with the same `appointmentInstance`
 * and marks the old one `valid: false`. A lesson is one instance: its current (valid) version, and, to say what
 * changed, an earlier one.
 */
export interface AppointmentHistory {
  /** The stable key: appointmentInstance, or the version id where the school did not grant that field. */
  instance: string;
  /** The version that holds now; null when every version is superseded (the lesson was taken off the timetable). */
  current: ZermeloAppointment | null;
  /** The version to compare with: the base timetable's version if present, else the latest superseded one. */
  previous: ZermeloAppointment | null;
  /** The newest change time among the versions seen (Unix s), or null when the field was not granted. */
  lastModified: number | null;
}

export const instanceKey = (a: ZermeloAppointment) => (a.appointmentInstance != null ? String(a.appointmentInstance) : `v${a.id}`);

/** `valid` missing (not granted) counts as valid: without the flag, every version we see is taken at its word. */
const isValid = (a: ZermeloAppointment) => a.valid !== false;
const modifiedAt = (a: ZermeloAppointment) => a.lastModified ?? a.appointmentLastModified ?? null;

/** Newest first: by change time, then by version id (ids only grow). */
function newer(a: ZermeloAppointment, b: ZermeloAppointment): number {
  return (modifiedAt(b) ?? 0) - (modifiedAt(a) ?? 0) || b.id - a.id;
}

/** Groups versions by instance (a version seen twice, e.g. at a week boundary, counts once). */
export function histories(versions: readonly ZermeloAppointment[]): AppointmentHistory[] {
  const byInstance = new Map<string, ZermeloAppointment[]>();
  const seen = new Set<number>();
  for (const v of versions) {
    if (seen.has(v.id)) continue;
    seen.add(v.id);
    const key = instanceKey(v);
    const list = byInstance.get(key);
    if (list) list.push(v);
    else byInstance.set(key, [v]);
  }
  const out: AppointmentHistory[] = [];
  for (const [instance, list] of byInstance) {
    list.sort(newer);
    const current = list.find(isValid) ?? null;
    const superseded = list.filter((v) => !isValid(v));
    const previous = superseded.find((v) => v.base === true) ?? superseded[0] ?? null;
    let lastModified: number | null = null;
    for (const v of list) {
      const t = modifiedAt(v);
      if (t !== null && (lastModified === null || t > lastModified)) lastModified = t;
    }
    out.push({ instance, current, previous, lastModified });
  }
  return out;
}
