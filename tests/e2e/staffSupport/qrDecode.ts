import { expect, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';

/** Reads the QR code drawn on the page (a screenshot of the element, decoded as a scanner would) and returns its text. */
export async function decodeQrOnPage(page: Page, name: RegExp): Promise<string | null> {
  const png = await page.getByRole('img', { name }).screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height)?.data ?? null;
}

/** The authenticator QR decodes to exactly the otpauth address the page shows as text. */
export async function expectTotpQrMatchesText(page: Page): Promise<void> {
  const shown = (await page.getByTestId('totp-uri').textContent())?.trim();
  expect(shown).toMatch(/^otpauth:\/\/totp\//);
  expect(await decodeQrOnPage(page, /QR/)).toBe(shown);
}
