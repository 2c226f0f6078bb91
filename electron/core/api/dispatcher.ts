import type { z } from 'zod';
import {
  type AppMode, type Caller, type CallName, type CallOutput, type Calls, calls, fail, isCallName, ok, type Result, type Role, roleAllows,
} from '@shared/contract';
import type { StaffUser } from '@shared/domain';
import { CacheError } from '../db/errors';
import type { Logger } from '../logger';
import { CallFailure } from './callFailure';

/** What a handler knows of who calls: the host's caller and, when signed in, the staff member. */
export interface CallContext {
  caller: Caller;
  user: StaffUser | null;
}

export type Handlers = {
  [N in CallName]: (input: z.output<Calls[N]['input']>, ctx: CallContext) => CallOutput<N> | Promise<CallOutput<N>>;
};

/** Turns a caller into a role: signed-in staff get theirs from their session. `staffCall` refreshes the idle timer. */
export type ResolveCaller = (caller: Caller, staffCall: boolean) => { role: Role; user: StaffUser | null };

const hostRoleOnly: ResolveCaller = (caller) => ({ role: caller.role, user: null });

export type Dispatch = (caller: Caller, name: string, input: unknown) => Promise<Result<unknown>>;

function describeIssues(error: z.ZodError): string {
  // Paths and messages only: the rejected values themselves never go back or into the log.
  return error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`).join('; ');
}

/**
 * The one gate every call passes, whichever host it came through: a known call, a role that may make it, an
 * input that matches the schema. Outputs are checked against the contract too (the strict schemas turn a stray
 * field, such as a pupil's name in a kiosk answer, into an error instead of a leak).
 */
export function createDispatcher(mode: AppMode, handlers: Handlers, log: Logger, resolve: ResolveCaller = hostRoleOnly): Dispatch {
  return async (caller, name, input) => {
    if (!isCallName(name)) return fail('UNKNOWN_CALL', `There is no call named "${String(name).slice(0, 60)}".`);
    const def = calls[name];
    if ((def as { window?: 'staff' }).window === 'staff' && (mode === 'kiosk' || !caller.session)) return fail('FORBIDDEN', 'Signing in is for staff PCs, not for screens.');
    const { role, user } = resolve(caller, def.role !== 'kiosk');
    if (!roleAllows(role, def.role)) {
      return role === 'kiosk' && mode === 'staff'
        ? fail('UNAUTHENTICATED', 'Sign in first.')
        : fail('FORBIDDEN', `"${name}" needs the ${def.role} role.`);
    }
    const parsed = def.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) return fail('INVALID_INPUT', `Invalid input for ${name}: ${describeIssues(parsed.error)}`);
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, { caller, user });
      const checked = def.output.safeParse(value);
      if (!checked.success) {
        log.error('call.bad-output', { call: name, issues: describeIssues(checked.error) });
        return fail('INTERNAL', 'Gangbord produced an answer outside its contract; the log has details.');
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof CallFailure) return fail(error.code, error.message, error.retryAfterSeconds);
      if (error instanceof CacheError) return fail('UNAVAILABLE', error.message);
      // A full disk: nothing was written, so nothing was done (a look at a pupil is refused rather than left unaudited).
      if ((error as { code?: unknown })?.code === 'SQLITE_FULL') {
        log.error('call.disk-full', { call: name });
        return fail('UNAVAILABLE', 'The disk of this PC is full, so this could not be recorded and was not done. Ask the administrator to make room.');
      }
      log.error('call.failed', { call: name, error, stack: (error as Error)?.stack });
      return fail('INTERNAL', 'Something went wrong inside Gangbord; the log has details.');
    }
  };
}
