import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayProfile } from '@shared/domain/display';
import { announcement, announcements, board, displaySetup, room } from '../../testing/builders';
import type { FakeTransport } from '../../testing/fakeTransport';
import { fakeTimersEachTest } from '../../testing/fakeCore';
import { fakeKioskCore, mountKiosk } from '../kioskTesting';

enableAutoUnmount(afterEach);

describe('announcements on screen', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;

  function start(extra: Partial<DisplayProfile>) {
    fake = fakeKioskCore('09:00')
      .respond('display.current', displaySetup({ displayGroup: 'aula', ...extra }))
      .respond('kiosk.nowNext', board([{ room: room('A1.01'), now: null, next: null }]))
      .respond('announcements.current', announcements([
        announcement('concert', { title: 'Pauzeconcert', body: '<p>In de <strong>aula</strong></p>', priority: 30 }),
        announcement('welkom', { title: 'Welkom', priority: 10 }),
      ]));
    return mountKiosk();
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
