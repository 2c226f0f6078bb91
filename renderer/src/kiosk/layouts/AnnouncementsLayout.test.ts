import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DisplayProfile } from '../../../../shared/domain/display';
import { setApi } from '../../api';
import { createGangbordI18n } from '../../i18n';
import { announcement, announcements, appInfo, at, board, displaySetup, room, syncStatus } from '../../testing/builders';
import { FakeTransport } from '../../testing/fakeTransport';
import KioskApp from '../KioskApp.vue';

enableAutoUnmount(afterEach);

describe('announcements on screen', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
  });
  afterEach(() => {
    setApi(null);
    vi.useRealTimers();
  });

  function start(extra: Partial<DisplayProfile>) {
    fake = new FakeTransport()
      .respond('app.info', appInfo({ clock: { now: at('09:00'), rate: 1 } }))
      .respond('clock.now', { now: at('09:00'), rate: 1 })
      .respond('sync.status', syncStatus())
      .respond('display.current', displaySetup({ displayGroup: 'aula', ...extra }))
      .respond('kiosk.nowNext', board([{ room: room('A1.01'), now: null, next: null }]))
      .respond('announcements.current', announcements([
        announcement('concert', { title: 'Pauzeconcert', body: '<p>In de <strong>aula</strong></p>', priority: 30 }),
        announcement('welkom', { title: 'Welkom', priority: 10 }),
      ]));
    setApi(fake);
    return mount(KioskApp, { global: { plugins: [createPinia(), createGangbordI18n('nl')] }, attachTo: document.body });
  }

  it('the announcements layout shows one at a time, full screen, in priority order, for its display group', async () => {
    const wrapper = start({ layout: 'announcements', pagingSeconds: 8 });
    await flushPromises();
    expect(fake.callsOf('announcements.current')[0]).toMatchObject({ displayGroup: 'aula' });
    const board = () => wrapper.find('[data-testid="announcements-board"]');
    expect(board().find('h2').text()).toBe('Pauzeconcert');
    expect(board().find('strong').text()).toBe('aula');
    expect(wrapper.find('[data-testid="announcement-band"]').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(board().find('h2').text()).toBe('Welkom');
  });

  it('the band runs as a ticker with every announcement, read once by screen readers', async () => {
    const wrapper = start({ announcementBand: 'ticker' });
    await flushPromises();
    const band = wrapper.find('[data-testid="announcement-band"]');
    const copies = band.findAll('.ticker-copy');
    expect(copies).toHaveLength(2);
    expect(copies[0]!.text()).toContain('Pauzeconcert');
    expect(copies[0]!.text()).toContain('Welkom');
    expect(copies[0]!.attributes('aria-hidden')).toBeUndefined();
    expect(copies[1]!.attributes('aria-hidden')).toBe('true');
  });

  it('the band can be switched off', async () => {
    const wrapper = start({ announcementBand: 'off' });
    await flushPromises();
    expect(wrapper.find('section').exists()).toBe(true);
    expect(wrapper.find('[data-testid="announcement-band"]').exists()).toBe(false);
  });
});
