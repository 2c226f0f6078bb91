import { generateSync } from 'otplib';
import type { Caller, SessionSlot } from '@shared/contract';
import type { Core } from '../app.types';

/** A staff window's session slot, as a host keeps it. */
export function sessionSlot(): SessionSlot & { token: string | null } {
  const slot = {
    token: null as string | null,
    get: () => slot.token,
    set: (t: string | null) => void (slot.token = t),
  };
  return slot;
}

export const staffWindow = (): Caller => ({ role: 'kiosk', session: sessionSlot() });

export const totpCode = (secret: string, atMs: number) => generateSync({ secret, epoch: Math.floor(atMs / 1000) });

async function expectOk<T>(result: Promise<{ ok: boolean }>): Promise<T> {
  const r = (await result) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * Creates the first administrator on a fresh staff core and signs them in (password, then TOTP), as the first-run
 * screen does. Returns the signed-in window and the authenticator secret.
 */
export async function setUpAdmin(core: Core, now: () => number, username = 'beheer', password = 'correct horse battery') {
  const caller = staffWindow();
  const { totp } = await expectOk<{ totp: { secret: string } }>(core.dispatch(caller, 'auth.setup', { username, displayName: 'Beheerder', password }));
  await expectOk(core.dispatch(caller, 'auth.verifyTotp', { code: totpCode(totp.secret, now()) }));
  return { caller, secret: totp.secret, username, password };
}

export { expectOk };
