import type { CallError, CallInput, CallName, CallOutput, Result } from '@shared/contract';
import { api } from '../../api';

/** An error as the page shows it: a message key of the staff namespace, and the core's own words where they help. */
export interface ShownError {
  key: string;
  detail: string | null;
}

const KEYS: Partial<Record<CallError['code'], string>> = {
  FORBIDDEN: 'errors.forbidden',
  NOT_FOUND: 'errors.notFound',
  INVALID_INPUT: 'errors.invalid',
  CONFLICT: 'errors.conflict',
  SECOND_FACTOR_REQUIRED: 'errors.secondFactor',
  UNAVAILABLE: 'errors.unavailable',
  LOCKED: 'auth.errors.tooSoon',
  UNAUTHENTICATED: 'errors.signedOut',
};

/** The core's message is kept for codes where it says something useful (which number, what was wrong). */
export function shownError(error: CallError): ShownError {
  const key = KEYS[error.code] ?? 'errors.internal';
  // Keys whose text says everything (and the core's English would only repeat it) carry no detail.
  const detail = key === 'errors.internal' || key === 'errors.secondFactor' ? null : error.message;
  return { key, detail };
}

type SessionLostListener = () => void;
const sessionLost = new Set<SessionLostListener>();

/** The staff app listens here: a call answered UNAUTHENTICATED means the core ended the session (idle, restart). */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLost.add(listener);
  return () => sessionLost.delete(listener);
}

/**
 * A call that needs a signed-in staff member. When the core says the session is gone, everyone listening is told,
 * so that the page locks and forgets what it showed instead of showing stale personal data.
 */
export async function staffCall<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
  const result = await api.call(name, input);
  if (!result.ok && result.error.code === 'UNAUTHENTICATED') for (const listener of [...sessionLost]) listener();
  return result;
}
