import { generateSecret, generateURI, verifySync } from 'otplib';
import type { TotpEnrollment } from '../../../shared/domain';

const ISSUER = 'Gangbord';

export function newTotpEnrollment(username: string): TotpEnrollment {
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: ISSUER, label: username, secret }) };
}

/**
 * Checks a 6-digit code with one step of clock drift either way. A code is accepted once only: the time step of
 * the last accepted code is kept, and a code from that step or an earlier one is refused (the replay window closed).
 */
export function checkTotp(secret: string, code: string, nowMs: number, lastStep: number | null): { valid: boolean; step: number | null } {
  const result = verifySync({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: 30, ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
  return result.valid ? { valid: true, step: (result as { timeStep: number }).timeStep } : { valid: false, step: null };
}
