import { z } from 'zod';

/**
 * Every call answers with an envelope, never a thrown error: Electron passes only the message of a thrown error
 * across IPC, and the renderer's stores act on these stable codes.
 */
export const ErrorCode = z.enum([
  /** The input did not match the call's schema. Nothing was done. */
  'INVALID_INPUT',
  /** No such call in the contract. */
  'UNKNOWN_CALL',
  /** The caller's role may not make this call. */
  'FORBIDDEN',
  /** The call needs a signed-in staff member. */
  'UNAUTHENTICATED',
  /** The request did not come from the app's own page (IPC sender or web-host secret/origin check). */
  'BAD_SENDER',
  'NOT_FOUND',
  /** Temporarily impossible (cache not open yet, a sync already running): try again later. */
  'UNAVAILABLE',
  /** Too many wrong passwords, codes or PINs: refused for a while; the message says how long. */
  'LOCKED',
  'CONFLICT',
  /** Signed in with a password alone: pupil photos need a second factor (an authenticator app) in this session. */
  'SECOND_FACTOR_REQUIRED',
  /** A fault in Gangbord itself; details are in the log, not in the message. */
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const CallError = z.object({
  code: ErrorCode,
  message: z.string().max(2000),
  /**
   * After a wrong password, code or PIN (and with LOCKED, a try made too soon): how long until the next try is
   * checked, so the page can hold its button and say it in its own words.
   */
  retryAfterSeconds: z.number().int().min(0).optional(),
}).strict();
export type CallError = z.infer<typeof CallError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, retryAfterSeconds?: number): Result<never> =>
  ({ ok: false, error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds } });

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }).strict(),
    z.object({ ok: z.literal(false), error: CallError }).strict(),
  ]);
}
