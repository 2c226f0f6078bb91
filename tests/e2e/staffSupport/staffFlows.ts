import { expect, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import type { RunningStaffHost } from './staffHost';
import { expectTotpQrMatchesText } from './qrDecode';

export const SCHOOL = 'Het Gangbord College';
/** In every demo school, in the first class of year 4 (electron/core/demo/pupils.ts). */
export const SANNE = { name: 'Sanne van den Berg', number: '120631', group: '4M1' } as const;

export interface Admin {
  username: string;
  displayName: string;
  password: string;
  /** The authenticator secret, without spaces. */
  secret: string;
  /** The TOTP step of the last code used: the core refuses that step and earlier ones again. */
  lastStep: number;
  /** The last code used, for a replay. */
  lastCode: string;
}

/** Opens the staff page and waits until the core answered who is signed in (the sign-in or set-up form shows). */
export async function openStaff(page: Page, host: RunningStaffHost, params: Record<string, string> = {}): Promise<void> {
  const url = new URL(host.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  await page.goto(url.toString());
  await expect(page.getByTestId('clock')).toBeVisible({ timeout: 30_000 });
}

/** The first sync brings the school's name (and its pupils): before it, search finds nothing. */
export async function waitForDemoSchool(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCHOOL, { timeout: 60_000 });
}

/** The core's clock, read through the page's own session: TOTP codes must follow it, not this machine's clock. */
export async function coreNow(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const res = await fetch('/api/call/clock.now', { method: 'POST', headers: { 'content-type': 'application/json', 'x-gangbord-key': sessionStorage.getItem('gangbord.pageKey') ?? '' }, body: '{}' });
    const body = (await res.json()) as { ok: boolean; value: { now: number } };
    return body.value.now;
  });
}

/**
 * A code for the core's current 30-second step, later than `after` (a code is accepted once only; waits for the next
 * step when needed). Returns the code and its step.
 */
export async function totpCode(page: Page, secret: string, after = -1): Promise<{ code: string; step: number }> {
  for (;;) {
    const now = await coreNow(page);
    const step = Math.floor(now / 30_000);
    // Not in the last second of a step either: the code must still be current when it arrives.
    if (step > after && now % 30_000 < 29_000) return { code: generateSync({ secret, epoch: Math.floor(now / 1000) }), step };
    await page.waitForTimeout(Math.min(30_000, 30_000 - (now % 30_000) + 200));
  }
}

/** The first-run screen: creates the first administrator, sets up the authenticator from the secret on screen, signs in. */
export async function setUpFirstAdmin(page: Page, admin: Omit<Admin, 'secret' | 'lastStep' | 'lastCode'>, screenshot?: string): Promise<Admin> {
  const form = page.getByRole('form', { name: /Eerste beheerder|first administrator/ });
  await form.getByLabel(/Gebruikersnaam|Username/).fill(admin.username);
  await form.getByLabel(/^(Naam|Name)$/).fill(admin.displayName);
  await form.getByLabel(/^(Wachtwoord|Password)$/).fill(admin.password);
  await form.getByLabel(/nog een keer|again/).fill(admin.password);
  await form.getByRole('button').click();
  const secretText = await page.getByTestId('totp-secret').textContent();
  const secret = (secretText ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,64}$/);
  await expect(page.getByTestId('totp-uri')).toContainText('otpauth://totp/');
  await expect(page.getByRole('img', { name: /QR/ })).toBeVisible();
  await expectTotpQrMatchesText(page);
  if (screenshot) await page.screenshot({ path: screenshot });
  const { code, step } = await totpCode(page, secret);
  await page.getByRole('textbox', { name: /^Code$/ }).fill(code);
  await page.getByRole('button', { name: /Bevestigen|Confirm/ }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText(admin.displayName);
  return { ...admin, secret, lastStep: step, lastCode: code };
}

/** The administrator the staff tests create on the first-run screen. */
export const FIRST_ADMIN = { username: 'beheer', displayName: 'Bea Heer', password: 'correct horse battery' } as const;

/** Where most staff tests begin: the page open, the demo school synced, and FIRST_ADMIN set up and signed in. */
export async function openAsFirstAdmin(page: Page, host: RunningStaffHost): Promise<Admin> {
  await openStaff(page, host);
  await waitForDemoSchool(page);
  return setUpFirstAdmin(page, FIRST_ADMIN);
}

export async function signInWithPassword(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: /Inloggen|Sign in/ });
  await form.getByLabel(/Gebruikersnaam|Username/).fill(username);
  await form.getByLabel(/Wachtwoord|Password/).fill(password);
  await form.getByRole('button', { name: /^(Inloggen|Sign in)$/ }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Uitloggen|Sign out/ }).click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
}

export function searchBox(page: Page) {
  return page.getByRole('combobox', { name: /Zoek een leerling|Search for a pupil/ });
}

/** Goes to a part of the staff page by its navigation button; every part must speak in messages, never in keys. */
export async function go(page: Page, name: RegExp | string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click();
  await expect(page.locator('body')).not.toContainText('staffUi.');
}

/** The pupil hits on screen, as their labels. */
export async function pupilHits(page: Page): Promise<string[]> {
  return page.locator('[role="option"][data-kind="pupil"] .label').allTextContents();
}
