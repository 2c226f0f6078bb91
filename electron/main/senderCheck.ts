import { type AppMode, type Caller, type CallName, type ErrorCode, kioskCallNames, type SessionSlot } from '@shared/contract';
import { isSameOrigin } from './appOrigin';

// Who may make an IPC call, decided from plain facts about the sender. No Electron import: unit-tested under Node;
// ipc.ts gathers the facts from the IPC event.

export interface SenderFacts {
  /** The frame that sent the message; null when it navigated away or was destroyed before the message arrived. */
  frame: { url: string; isMainFrame: boolean } | null;
  /** The mode of the window whose webContents sent it; null when it is not a window we opened. */
  windowMode: AppMode | null;
}

export type SenderVerdict =
  | { ok: true; caller: Caller }
  | { ok: false; code: Extract<ErrorCode, 'BAD_SENDER' | 'FORBIDDEN'>; reason: string };

/**
 * The role a window's page calls with. Every page calls at the public `kiosk` level for now: a staff window is a
 * kiosk-level caller until its user signs in.
 *
 * SEAM (staff sign-in, a later issue): a signed-in staff session belongs to the window's webContents and is kept
 * in main; this function then takes it and answers `teacher` or `admin`. A page can never claim a role itself.
 */
export function callerFor(windowMode: AppMode, session?: SessionSlot): Caller {
  switch (windowMode) {
    case 'kiosk':
      return { role: 'kiosk' };
    case 'staff':
      // The core raises the role from the window's session once someone has signed in there.
      return session ? { role: 'kiosk', session } : { role: 'kiosk' };
  }
}

const kioskAllowed: ReadonlySet<string> = new Set(kioskCallNames);

/**
 * Electron's security checklist, item 17: only our own page, in the top frame of a window we opened, may call.
 * A kiosk window may only reach the kiosk calls, even over a channel its preload never exposed.
 */
export function checkSender(facts: SenderFacts, appOrigin: string, name: CallName, session?: SessionSlot): SenderVerdict {
  if (!facts.windowMode) return { ok: false, code: 'BAD_SENDER', reason: 'not a Gangbord window' };
  if (!facts.frame) return { ok: false, code: 'BAD_SENDER', reason: 'the sending frame is gone' };
  if (!facts.frame.isMainFrame) return { ok: false, code: 'BAD_SENDER', reason: 'sent from a subframe' };
  if (!isSameOrigin(facts.frame.url, appOrigin)) return { ok: false, code: 'BAD_SENDER', reason: 'sent from another origin' };
  if (facts.windowMode === 'kiosk' && !kioskAllowed.has(name)) return { ok: false, code: 'FORBIDDEN', reason: 'not a kiosk call' };
  return { ok: true, caller: callerFor(facts.windowMode, session) };
}
