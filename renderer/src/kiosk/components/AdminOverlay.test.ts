import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announcements, board, displaySetup, profile, room } from '../../testing/builders';
import type { FakeTransport } from '../../testing/fakeTransport';
import { isAdminShortcut } from '../useAdminShortcut';
import { fakeTimersEachTest } from '../../testing/fakeCore';
import { fakeKioskCore, mountKiosk } from '../kioskTesting';

enableAutoUnmount(afterEach);

const profiles = [
  { id: 'gang-a', name: 'Gang A', layout: 'corridor' as const },
  { id: 'deur-a104', name: 'Deur A1.04', layout: 'door' as const },
];

describe('the admin overlay', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(() => {
    fake = fakeKioskCore('09:00')
      .respond('display.current', displaySetup({ id: 'gang-a', name: 'Gang A' }, { profiles, pinConfigured: true }))
      .respond('announcements.current', announcements([]))
      .respond('kiosk.nowNext', board([{ room: room('A1.01'), now: null, next: null }]));
  });

  async function openOverlay() {
    const wrapper = mountKiosk();
    await flushPromises();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }));
    await flushPromises();
    return wrapper;
  }

  const dialog = (wrapper: Awaited<ReturnType<typeof openOverlay>>) => wrapper.find('[role="dialog"]');

  it('says up to how far the running profile\'s text is readable: 3 m for the usual corridor screen, 6 m where the profile says 6 m', async () => {
    const far = await openOverlay();
    // The usual corridor screen (55 inches at 3 m): readable up to about 3 m.
    expect(dialog(far).find('[data-testid="readable-metres"]').text()).toMatch(/^Deze tekst is leesbaar tot 3(,\d)? meter afstand\.$/);
    far.unmount();
    fake.respond('display.current', displaySetup({ id: 'gang-a', name: 'Gang A', screenInches: 43, viewingMetres: 6 }, { profiles, pinConfigured: true }));
    const near = await openOverlay();
    expect(dialog(near).find('[data-testid="readable-metres"]').text()).toMatch(/leesbaar tot 6(,\d)? meter/);
  });

  it('opens on Ctrl+Shift+P only, with the focus in the PIN field', async () => {
    expect(isAdminShortcut({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true, altKey: false, metaKey: false })).toBe(true);
    expect(isAdminShortcut({ key: 'p', code: 'KeyP', ctrlKey: true, shiftKey: false, altKey: false, metaKey: false })).toBe(false);
    const wrapper = await openOverlay();
    expect(dialog(wrapper).attributes('aria-modal')).toBe('true');
    expect(dialog(wrapper).text()).toContain('Dit scherm toont nu: Gang A');
    expect(document.activeElement).toBe(wrapper.find('input[type="password"]').element);
  });

  it('says a wrong PIN and a lock-out in words, and switches with the right PIN', async () => {
    const wrapper = await openOverlay();
    const pin = wrapper.find('input[type="password"]');
    await wrapper.find('input[value="deur-a104"]').setValue(true);

    fake.respond('display.choose', () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'That PIN is not right.' } }));
    await pin.setValue('1111');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('Deze pincode klopt niet.');
    expect((pin.element as HTMLInputElement).value).toBe('');

    fake.respond('display.choose', () => ({ ok: false, error: { code: 'LOCKED', message: 'Too many wrong PINs' } }));
    await pin.setValue('2222');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toContain('Te vaak achter elkaar een verkeerde pincode');

    // The core not answering is not a lockout, and does not read as one.
    fake.respond('display.choose', () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'no answer' } }));
    await pin.setValue('3333');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('Wisselen lukte niet. Probeer het opnieuw.');

    await pin.setValue('12');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('Een pincode is 4 tot 12 cijfers.');

    const door = profile({ id: 'deur-a104', name: 'Deur A1.04', layout: 'door', rooms: { kind: 'list', rooms: ['A1.04'] } });
    fake.respond('display.choose', () => ({ ok: true, value: door }));
    fake.respond('display.current', { ...displaySetup(), profile: door, profiles, pinConfigured: true });
    fake.respond('kiosk.roomDay', () => new Promise(() => {}));
    await pin.setValue('1234');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(fake.callsOf('display.choose').at(-1)).toEqual({ profileId: 'deur-a104', pin: '1234' });
    expect(dialog(wrapper).exists()).toBe(false);
    expect(fake.callsOf('kiosk.roomDay')[0]).toMatchObject({ room: 'A1.04' });
  });

  it('closes on Escape and keeps Tab inside the dialog', async () => {
    const wrapper = await openOverlay();
    const buttons = wrapper.findAll('button');
    const close = buttons[buttons.length - 1]!.element as HTMLElement;
    close.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    close.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(wrapper.find('input[type="radio"]:checked').element);
    await dialog(wrapper).trigger('keydown', { key: 'Escape' });
    expect(dialog(wrapper).exists()).toBe(false);
  });

  it('says so when no PIN is set, and offers only to close', async () => {
    fake.respond('display.current', displaySetup({}, { profiles, pinConfigured: false }));
    const wrapper = await openOverlay();
    expect(dialog(wrapper).text()).toContain('geen pincode ingesteld');
    expect(wrapper.find('form').exists()).toBe(false);
    expect(document.activeElement?.textContent?.trim()).toBe('Sluiten');
  });
});
