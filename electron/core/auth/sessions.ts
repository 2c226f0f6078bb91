import { randomBytes } from 'node:crypto';

/**
 * `totp`: the password was right and the code is awaited; `password-change`: it was a first password, a new one is
 * awaited; `full`: signed in. Only `full` carries any rights.
 */
export type SessionStage = 'totp' | 'totp-setup' | 'password-change' | 'full';

export interface Session {
  accountId: number;
  stage: SessionStage;
  createdAt: number;
  /** Last call that needed staff rights (polls of the clock or the board do not count). */
  lastActive: number;
  /** Pupils search has shown this session (docs/security-accounts.md §4). */
  pupilsShown: number;
  /** Signed in with a second factor (authenticator code or recovery code): what pupil photos require. */
  secondFactor: boolean;
}

/** A half-finished sign-in waits this long for its code. */
const PENDING_MS = 5 * 60_000;
/** A working day; after this a session ends whatever the activity. */
const MAX_MS = 12 * 3_600_000;

/**
 * Sessions live in memory only: a restart signs everyone out, as a shared PC should. Tokens are random, kept by the
 * host beside the window they belong to, and never shown to the page.
 */
export function createSessions(now: () => number, idleMs: () => number) {
  const sessions = new Map<string, Session>();

  const alive = (s: Session, t: number) =>
    t - s.createdAt < MAX_MS && (s.stage === 'full' ? t - s.lastActive < idleMs() : t - s.createdAt < PENDING_MS);

  return {
    open(accountId: number, stage: SessionStage, secondFactor = false): string {
      const token = randomBytes(32).toString('base64url');
      const t = now();
      sessions.set(token, { accountId, stage, createdAt: t, lastActive: t, pupilsShown: 0, secondFactor });
      return token;
    },
    get(token: string | null): Session | null {
      if (token === null) return null;
      const s = sessions.get(token);
      if (!s) return null;
      if (!alive(s, now())) {
        sessions.delete(token);
        return null;
      }
      return s;
    },
    touch(token: string): void {
      const s = sessions.get(token);
      if (s) s.lastActive = now();
    },
    close(token: string | null): void {
      if (token !== null) sessions.delete(token);
    },
    /** Ends every session of an account (disabled, password reset), except the one given (its own change). */
    closeAccount(accountId: number, except: string | null = null): void {
      for (const [token, s] of sessions) if (s.accountId === accountId && token !== except) sessions.delete(token);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
