import { generateSecret, generateURI, verifySync } from 'otplib';
import type { TotpEnrollment } from '@shared/domain';

const ISSUER = 'Gangbord';
/** otplib's default time step, and the drift allowed either way (one step). */
const STEP_S = 30;
const DRIFT_S = 30;

export function newTotpEnrollment(username: string): TotpEnrollment {
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: ISSUER, label: username, secret }) };
}

/**
 * Checks a 6-digit code with one step of clock drift either way. A code is accepted once only: the time step of
 * the last accepted code is kept, and a code from that step or an earlier one is refused (the replay window closed).
 */
export function checkTotp(secret: string, code: string, nowMs: number, lastStep: number | null): { valid: boolean; step: number | null } {
  const epoch = Math.floor(nowMs / 1000);
  // After the clock was set back (an NTP correction), the last accepted step can lie beyond every step a code
  // could now be from. No code is acceptable then; otplib would throw, and a sign-in must say "wrong code".
  if (lastStep !== null && lastStep >= Math.floor((epoch + DRIFT_S) / STEP_S)) return { valid: false, step: null };
  const result = verifySync({ secret, token: code, epoch, epochTolerance: DRIFT_S, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
  return result.valid ? { valid: true, step: (result as { timeStep: number }).timeStep } : { valid: false, step: null };
}
