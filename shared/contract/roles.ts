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

/**
 * Where a staff window keeps its sign-in. The host binds it to the window (Electron: the window's webContents; the
 * web host: an HttpOnly cookie); the page never sees the token inside.
 */
export interface SessionSlot {
  get(): string | null;
  set(token: string | null): void;
}

export interface Caller {
  /** What the host grants by itself: `kiosk` for every page. Signed-in staff get their role through `session`. */
  role: Role;
  /** Staff windows only; a kiosk window has none and so can never sign in. */
  session?: SessionSlot;
  /**
   * Which window or page is calling, as the host knows it (never from the page): wrong passwords, codes and PINs
   * are throttled per client, so one window's guesses do not slow another's typing.
   */
  client?: string;
}
