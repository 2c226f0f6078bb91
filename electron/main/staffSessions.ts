import type { SessionSlot } from '@shared/contract';

/**
 * Staff sign-ins, one per window: the core's session token kept here in main beside the window's webContents id,
 * never in the page. A closed or reloaded-to-crash window loses its sign-in with it.
 */
export function createStaffSessions() {
  const tokens = new Map<number, string>();
  return {
    slotFor(webContentsId: number): SessionSlot {
      return {
        get: () => tokens.get(webContentsId) ?? null,
        set: (token) => void (token === null ? tokens.delete(webContentsId) : tokens.set(webContentsId, token)),
      };
    },
    forget(webContentsId: number): void {
      tokens.delete(webContentsId);
    },
  };
}

export type StaffSessions = ReturnType<typeof createStaffSessions>;
