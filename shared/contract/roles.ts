import { z } from 'zod';

/**
 * Who is calling. `kiosk` is the public level: what a corridor screen may show, with no personal data. A staff
 * window before sign-in also calls at this level. `teacher` and `admin` are signed-in staff.
 */
export const Role = z.enum(['kiosk', 'teacher', 'admin']);
export type Role = z.infer<typeof Role>;

const rank: Record<Role, number> = { kiosk: 0, teacher: 1, admin: 2 };

export function roleAllows(callerRole: Role, required: Role): boolean {
  return rank[callerRole] >= rank[required];
}

export const AppMode = z.enum(['kiosk', 'staff']);
export type AppMode = z.infer<typeof AppMode>;

export interface Caller {
  role: Role;
}
