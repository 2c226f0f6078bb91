import type { ErrorCode } from '../../../shared/contract';

/** Thrown by a handler to answer with a specific envelope error instead of INTERNAL. */
export class CallFailure extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'CallFailure';
  }
}
