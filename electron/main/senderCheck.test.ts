import { describe, expect, it } from 'vitest';
import { callNames, kioskCallNames } from '@shared/contract';
import { APP_ORIGIN } from './appOrigin';
import { checkSender, type SenderFacts } from './senderCheck';

const ownPage = { url: 'app://gangbord/kiosk.html', isMainFrame: true };
const kiosk: SenderFacts = { frame: ownPage, windowMode: 'kiosk' };

describe('checkSender', () => {
  it('lets our own page in the top frame of a kiosk window make kiosk calls, as a kiosk', () => {
    for (const name of kioskCallNames) expect(checkSender(kiosk, APP_ORIGIN, name)).toEqual({ ok: true, caller: { role: 'kiosk' } });
  });

  it('keeps a kiosk window to the kiosk calls even when another channel is invoked', () => {
    const others = callNames.filter((n) => !(kioskCallNames as readonly string[]).includes(n));
    expect(others).toContain('sync.runNow');
    for (const name of others) expect(checkSender(kiosk, APP_ORIGIN, name)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it("lets a staff window reach every call as a kiosk-level caller carrying its window's session slot", () => {
    const slot = { get: () => null, set: () => {} };
    for (const name of callNames) {
      expect(checkSender({ frame: { ...ownPage, url: 'app://gangbord/staff.html' }, windowMode: 'staff' }, APP_ORIGIN, name, slot)).toEqual({ ok: true, caller: { role: 'kiosk', session: slot } });
    }
  });

  it('never gives a kiosk window a session slot, so no one can sign in on a screen', () => {
    const slot = { get: () => 'token', set: () => {} };
    expect(checkSender(kiosk, APP_ORIGIN, 'app.info', slot)).toEqual({ ok: true, caller: { role: 'kiosk' } });
  });

  it('refuses senders that are not our page in our window', () => {
    const bad: SenderFacts[] = [
      { frame: null, windowMode: 'kiosk' },
      { frame: ownPage, windowMode: null },
      { frame: { ...ownPage, isMainFrame: false }, windowMode: 'kiosk' },
      { frame: { ...ownPage, url: 'https://example.com/' }, windowMode: 'kiosk' },
      { frame: { ...ownPage, url: 'app://evil/kiosk.html' }, windowMode: 'kiosk' },
      { frame: { ...ownPage, url: 'file:///out/renderer/kiosk.html' }, windowMode: 'kiosk' },
      { frame: { ...ownPage, url: 'data:text/html,<script>1</script>' }, windowMode: 'staff' },
    ];
    for (const facts of bad) expect(checkSender(facts, APP_ORIGIN, 'app.info'), JSON.stringify(facts)).toMatchObject({ ok: false, code: 'BAD_SENDER' });
  });
});
