import type { ErrorCode } from '@shared/contract';

/** Thrown by a handler to answer with a specific envelope error instead of INTERNAL. */
export class CallFailure extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'CallFailure';
  }
}

/** A refused try: LOCKED with the wait in whole seconds (rounded up), in the message and as data. */
export function tooSoon(waitMs: number, what: string): CallFailure {
  const seconds = Math.ceil(waitMs / 1000);
  return new CallFailure('LOCKED', `Too many wrong ${what}; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, seconds);
}
