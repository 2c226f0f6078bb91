import { mkdirSync } from 'node:fs';
import { at, isoInstant } from './support/demoSchool';
import { expect, openPage, test, withHost } from './support/kiosk';
import { doorProfile, FAST_SYNC, provisioning } from './support/provisioning';

// Early on a Tuesday, with the core clock at 120x: two simulated minutes pass every real second, and the first
// lesson (08:30) is more than a real minute away, so nothing on the door sign changes by the clock meanwhile.
const NOW = at('2026-11-24', '06:00');
const door = doorProfile('A0.02', { staleAfterMinutes: 5 });
const unreachable = { type: 'zermelo' as const, portal: 'school', baseUrl: 'http://127.0.0.1:9/api/v3' };

test('with the upstream failing, the old data stays on screen and the "updated" note turns into a prominent stale note', async ({ page }) => {
  test.setTimeout(90_000);
  await withHost(page, { now: isoInstant(NOW), clockRate: 120, settings: FAST_SYNC, provisioning: provisioning({ profiles: [door] }) }, async (host) => {
    await openPage(page, host);
    const next = page.getByTestId('door-next');
    const later = page.getByTestId('door-later');
    await expect(next).toContainText('08:30');
    await expect(later).toBeVisible();
    // Good data, synced every two seconds (four simulated minutes): the discreet note keeps up with each sync.
    const updated = page.getByTestId('updated');
    const updatedText = () => updated.textContent({ timeout: 1_000 }).catch(() => null);
    await expect.poll(updatedText, { timeout: 20_000 }).toMatch(/^Bijgewerkt 0[67]:\d\d$/);
    const first = await updatedText();
    await expect.poll(updatedText, { timeout: 20_000, message: 'a later sync shows a later time' }).not.toBe(first);
    const before = { next: await next.innerText(), later: await later.innerText() };

    // From now on every sync fails: the upstream cannot be reached (or the connector is not there at all).
    host.writeProvisioning(provisioning({ profiles: [door], settings: { source: unreachable } }));
    const stale = page.getByTestId('stale-note');
    await expect(stale).toBeVisible({ timeout: 30_000 });
    await expect(stale).toHaveText(/Gegevens van 0[67]:\d\d — mogelijk verouderd/);
    await expect(page.getByText('Bijwerken lukt nu niet: dit zijn de laatst bekende gegevens.')).toBeVisible();
    // Prominent: larger than the discreet note, with a sign and on the warning colour.
    expect(await stale.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(32);
    await expect(stale).toContainText('⚠');
    // No sync succeeds any more: several simulated minutes on, the note still names the same time.
    const staleText = await stale.textContent();
    await page.waitForTimeout(3_000);
    await expect(stale).toHaveText(staleText!);

    // The same lessons, still on screen: nothing blanked, nothing replaced.
    expect({ next: await next.innerText(), later: await later.innerText() }).toEqual(before);
    await expect(page.getByTestId('clock')).toHaveText(/^0[67]:\d\d:\d\d$/);
    mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/door-stale-data.png' });
  });
});
