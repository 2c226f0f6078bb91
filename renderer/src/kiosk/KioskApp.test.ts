import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NowNextBoard } from '../../../shared/contract';
import { setApi } from '../api';
import { createGangbordI18n } from '../i18n';
import { appInfo, at, board, lesson, room, syncStatus } from '../testing/builders';
import { FakeTransport } from '../testing/fakeTransport';
import KioskApp from './KioskApp.vue';

const rooms = (count: number): NowNextBoard['rooms'] =>
  Array.from({ length: count }, (_, i) => ({ room: room(`A1.${String(i + 1).padStart(2, '0')}`), now: null, next: null }));

describe('KioskApp', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
    fake = new FakeTransport()
      .respond('app.info', appInfo({ clock: { now: at('09:19:58'), rate: 1 } }))
      .respond('clock.now', { now: at('09:19:58'), rate: 1 })
      .respond('sync.status', syncStatus())
      .respond('announcements.current', [{
        id: 'a', title: 'Welkom', body: 'Fijne dag', start: at('08:00'), end: at('17:00'), audience: [], priority: 1, emergency: false,
      }]);
    setApi(fake);
  });
  afterEach(() => {
    setApi(null);
    vi.useRealTimers();
  });

  function mountKiosk(props: Record<string, unknown> = {}) {
    return mount(KioskApp, { props, global: { plugins: [createPinia(), createGangbordI18n('nl')] }, attachTo: document.body });
  }

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
    expect(wrapper.findAll('section')).toHaveLength(12);
    expect(wrapper.find('[data-testid="page-indicator"]').text()).toContain('1/3');
    expect(wrapper.find('[data-testid="updated"]').text()).toBe('Bijgewerkt 08:05');
    expect(wrapper.find('aside').text()).toContain('Welkom');
    expect(wrapper.find('aside').text()).toContain('Fijne dag');

    await vi.advanceTimersByTimeAsync(12_000);
    expect(wrapper.find('[data-testid="page-indicator"]').text()).toContain('2/3');
    expect(wrapper.find('section').attributes('aria-label')).toMatch(/^A1\.13/);
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
    expect(wrapper.findAll('section')).toHaveLength(1);
    wrapper.unmount();
  });

  it('lets an emergency message take over the screen while it lasts', async () => {
    fake.respond('kiosk.nowNext', board(rooms(3)));
    fake.respond('announcements.current', [{
      id: 'e', title: 'Ontruiming', body: 'Verlaat het gebouw', start: at('09:00'), end: at('09:20:30'), audience: [], priority: 100, emergency: true,
    }]);
    const wrapper = mountKiosk();
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toContain('Ontruiming');
    expect(wrapper.find('aside').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(33_000);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('asks only for the door sign\'s rooms', async () => {
    fake.respond('kiosk.nowNext', board(rooms(1)));
    const wrapper = mountKiosk({ rooms: ['A1.01'] });
    await flushPromises();
    expect(fake.callsOf('kiosk.nowNext')[0]).toMatchObject({ rooms: ['A1.01'] });
    wrapper.unmount();
  });
});
