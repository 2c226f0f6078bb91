import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FleetScreenInfo, NowNextBoard } from '@shared/contract';
import { announcement, announcements, appInfo, at, board, displaySetup, lesson, room } from '../testing/builders';
import type { FakeTransport } from '../testing/fakeTransport';
import { fakeTimersEachTest } from '../testing/fakeCore';
import { fakeKioskCore, mountKiosk } from './kioskTesting';

const rooms = (count: number): NowNextBoard['rooms'] =>
  Array.from({ length: count }, (_, i) => ({ room: room(`A1.${String(i + 1).padStart(2, '0')}`), now: null, next: null }));

enableAutoUnmount(afterEach);

/** The room cards a passer-by sees: every page is drawn, the pages not on turn are hidden (aria-hidden, opacity 0). */
const shownRooms = (wrapper: VueWrapper) => wrapper.findAll('section').filter((s) => s.element.closest('[aria-hidden="true"]') === null);

describe('KioskApp', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(() => {
    fake = fakeKioskCore('09:19:58')
      // Data from 08:05 at 09:20 is not old for this profile; the stale test sets its own threshold.
      .respond('display.current', displaySetup({ staleAfterMinutes: 120 }))
      .respond('announcements.current', announcements([announcement('a', { title: 'Welkom', body: 'Fijne dag', priority: 1 })]));
  });
  afterEach(() => {
    document.documentElement.className = '';
  });

  it('shows the name and a loading text until the board is in, never an empty page', async () => {
    fake.respond('kiosk.nowNext', () => new Promise(() => {}));
    const wrapper = mountKiosk();
    await flushPromises();
    expect(wrapper.find('h1').text()).toBe('Gangbord');
    expect(wrapper.find('[role="status"]').text()).toBe('Rooster laden…');
    wrapper.unmount();
  });

  it('shows the school, the clock, the rooms a page at a time, the footer and the announcement', async () => {
    fake.respond('kiosk.nowNext', board(rooms(30)));
    const wrapper = mountKiosk();
    await flushPromises();
    expect(wrapper.find('h1').text()).toBe('Demo College');
    expect(wrapper.find('[data-testid="clock"]').text()).toBe('09:19:58');
    expect(wrapper.find('[data-testid="date"]').text()).toBe('dinsdag 24 november 2026');
    // As many rooms a page as fit at reading size (corridorFit.ts), the pages balanced.
    const perPage = shownRooms(wrapper).length;
    expect(perPage).toBeGreaterThan(1);
    expect(perPage).toBeLessThan(30);
    const pages = Math.ceil(30 / perPage);
    expect(perPage).toBe(Math.ceil(30 / pages));
    expect(wrapper.find('[data-testid="page-indicator"]').text()).toContain(`1/${pages}`);
    // The other pages are drawn already (a turn only shows another), hidden from the eye and from screen readers.
    expect(wrapper.findAll('section')).toHaveLength(30);
    expect(wrapper.findAll('.page[aria-hidden="true"]')).toHaveLength(pages - 1);
    expect(wrapper.find('[data-testid="updated"]').text()).toBe('Bijgewerkt 08:05');
    expect(wrapper.find('aside').text()).toContain('Welkom');
    expect(wrapper.find('aside').text()).toContain('Fijne dag');

    // The turn falls due after 12 s and happens at the clock's next tick.
    await vi.advanceTimersByTimeAsync(13_000);
    expect(wrapper.find('[data-testid="page-indicator"]').text()).toContain(`2/${pages}`);
    expect(shownRooms(wrapper)[0]!.attributes('aria-label')).toMatch(new RegExp(`^A1\\.${String(perPage + 1).padStart(2, '0')}`));
    expect(wrapper.find('[data-testid="page-range"]').text()).toMatch(new RegExp(`^Lokalen A1\\.${String(perPage + 1).padStart(2, '0')}–`));
    wrapper.unmount();
  });

  it('flips a room at the second its lesson ends, and keeps the board with a note when a fetch fails', async () => {
    const wiskunde = lesson('08:30', '09:20', { subjects: ['wi'] });
    fake.respond('kiosk.nowNext', board([{ room: room('A1.01'), now: wiskunde, next: null }], { changesAt: at('09:20') }));
    const wrapper = mountKiosk();
    await flushPromises();
    const nowPart = () => wrapper.find('[role="group"][aria-label="Nu"]').text();
    expect(nowPart()).toContain('wi');
    fake.fail('kiosk.nowNext');
    await vi.advanceTimersByTimeAsync(2_100);
    expect(wrapper.find('[data-testid="clock"]').text()).toBe('09:20:00');
    expect(nowPart()).toContain('Vrij');
    expect(wrapper.text()).toContain('Geen verbinding: dit zijn de laatst bekende gegevens.');
    expect(shownRooms(wrapper)).toHaveLength(1);
    wrapper.unmount();
  });

  it('shows a fleet screen\'s code and QR code until the roster approves it, then its rooms', async () => {
    const waiting: FleetScreenInfo = { screenId: 'scherm-3f2a91c0de', code: '3F2A 91C0', fingerprint: '3F2A 91C0 1234 5678 9ABC DEF0 1234 5678', enrolled: false, name: null };
    let info = waiting;
    fake.respond('fleet.screen', () => ({ ok: true, value: info }));
    fake.respond('kiosk.nowNext', board(rooms(3)));
    const wrapper = mountKiosk();
    await flushPromises();
    expect(wrapper.find('[data-testid="fleet-code"]').text()).toBe('3F2A 91C0');
    expect(wrapper.find('[data-testid="fleet-qr"]').exists()).toBe(true);
    expect(shownRooms(wrapper)).toHaveLength(0);
    info = { ...waiting, enrolled: true, name: 'Gang A' };
    fake.emit('data.changed', { at: at('09:20'), source: 'fleet-roster' });
    await flushPromises();
    expect(wrapper.find('[data-testid="fleet-enrolment"]').exists()).toBe(false);
    expect(shownRooms(wrapper)).toHaveLength(3);
  });

  it('asks only for the rooms of ?rooms=, over the profile\'s', async () => {
    fake.respond('kiosk.nowNext', board(rooms(1)));
    const wrapper = mountKiosk({ rooms: ['A1.01'] });
    await flushPromises();
    expect(fake.callsOf('kiosk.nowNext')[0]).toMatchObject({ rooms: ['A1.01'] });
    wrapper.unmount();
  });

  it('shows a floor of the profile\'s choosing and pages at the profile\'s pace', async () => {
    fake.respond('display.current', displaySetup({ rooms: { kind: 'floor', building: 'A', floor: 1 }, pagingSeconds: 5, staleAfterMinutes: 120 }));
    fake.respond('kiosk.nowNext', board([...rooms(40), { room: room('B1.01'), now: null, next: null }]));
    const wrapper = mountKiosk();
    await flushPromises();
    const perPage = shownRooms(wrapper).length;
    const pages = Math.ceil(40 / perPage);
    expect(pages).toBeGreaterThan(1);
    expect(wrapper.find('[data-testid="page-indicator"]').text()).toContain(`1/${pages}`);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(wrapper.find('[data-testid="page-indicator"]').text()).toContain(`2/${pages}`);
    const second = shownRooms(wrapper).map((s) => s.attributes('aria-label')?.split(' ')[0]);
    expect(second[0]).toBe(`A1.${String(perPage + 1).padStart(2, '0')}`);
    expect(second).not.toContain('B1.01');
    wrapper.unmount();
  });

  it('makes the "updated" note prominent once the data is older than the profile allows', async () => {
    fake.respond('display.current', displaySetup({ staleAfterMinutes: 5 }));
    fake.respond('app.info', appInfo({ clock: { now: at('08:09:58'), rate: 1 } }));
    fake.respond('clock.now', { now: at('08:09:58'), rate: 1 });
    fake.respond('kiosk.nowNext', board(rooms(2)));
    const wrapper = mountKiosk();
    await flushPromises();
    expect(wrapper.find('[data-testid="updated"]').text()).toBe('Bijgewerkt 08:05');
    expect(wrapper.find('[data-testid="stale-note"]').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(wrapper.find('[data-testid="stale-note"]').text()).toContain('Gegevens van 08:05 — mogelijk verouderd');
    expect(wrapper.find('[data-testid="updated"]').exists()).toBe(false);
    expect(shownRooms(wrapper)).toHaveLength(2);
    wrapper.unmount();
  });

  it('takes theme, orientation and language from the profile; ?lang wins over the profile', async () => {
    fake.respond('display.current', displaySetup({ theme: 'high-contrast', orientation: 'portrait', locale: 'en', staleAfterMinutes: 120 }));
    fake.respond('kiosk.nowNext', board(rooms(16)));
    const wrapper = mountKiosk();
    await flushPromises();
    expect(document.documentElement.classList.contains('theme-high-contrast')).toBe(true);
    expect(document.documentElement.lang).toBe('en');
    expect(wrapper.find('.kiosk').classes()).toContain('orientation-portrait');
    expect(shownRooms(wrapper).length).toBeGreaterThan(0);
    expect(wrapper.find('[data-testid="updated"]').text()).toBe('Updated 08:05');
    wrapper.unmount();
  });

  it('switches layout when the core says the profile changed, without a reload', async () => {
    fake.respond('kiosk.nowNext', board(rooms(3)));
    fake.respond('kiosk.changes', { days: [{ day: '2026-11-24', groups: [] }], dataAsOf: at('08:05') });
    const wrapper = mountKiosk();
    await flushPromises();
    expect(shownRooms(wrapper)).toHaveLength(3);
    fake.respond('display.current', displaySetup({ id: 'wijzigingen', layout: 'changes', theme: 'dark' }));
    fake.emit('display.changed', { profileId: 'wijzigingen' });
    await flushPromises();
    expect(wrapper.find('[data-testid="changes-board"]').text()).toContain('Geen roosterwijzigingen.');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(fake.callsOf('kiosk.changes')).toHaveLength(1);
    wrapper.unmount();
  });

  it('goes black outside its operating hours, with nothing else on screen, and wakes at the second', async () => {
    fake.respond('app.info', appInfo({ clock: { now: at('07:29:58'), rate: 1 } }));
    fake.respond('clock.now', { now: at('07:29:58'), rate: 1 });
    fake.respond('display.current', displaySetup({ hours: { days: [1, 2, 3, 4, 5], from: '07:30', to: '17:30', offOnHolidays: true } }));
    fake.respond('kiosk.nowNext', board(rooms(3)));
    const wrapper = mountKiosk();
    await flushPromises();
    expect(wrapper.find('[data-testid="screen-off"]').exists()).toBe(true);
    expect(document.body.textContent?.trim()).toBe('');
    await vi.advanceTimersByTimeAsync(2_100);
    expect(wrapper.find('[data-testid="screen-off"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="clock"]').text()).toBe('07:30:00');
    wrapper.unmount();
  });
});
