import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announcements, at, changesBoard, DAY, displaySetup, lesson } from '../../testing/builders';
import type { FakeTransport } from '../../testing/fakeTransport';
import { fakeTimersEachTest } from '../../testing/fakeCore';
import { fakeKioskCore, mountKiosk } from '../kioskTesting';

enableAutoUnmount(afterEach);

const TOMORROW = '2026-11-25';

describe('the changes board', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;

  function start(time: string, board: ReturnType<typeof changesBoard>, pagingSeconds = 12) {
    fake = fakeKioskCore(time)
      .respond('display.current', displaySetup({ layout: 'changes', changesNextDayFrom: '13:00', pagingSeconds, staleAfterMinutes: 600 }))
      .respond('announcements.current', announcements([]))
      .respond('kiosk.changes', board);
    return mountKiosk();
  }

  it('groups today\'s and tomorrow\'s changes by group, each in words', async () => {
    const cancelled = lesson('14:00', '14:50', { subjects: ['wi'], teachers: ['DEN'], rooms: ['A1.01'], groups: ['2a'], change: { cancelled: true } });
    const moved = lesson('15:00', '15:50', { subjects: ['en'], teachers: ['KLM'], rooms: ['B2.10'], groups: ['3c'], change: { previousRooms: ['A1.04'] } });
    const sub = lesson('08:30', '09:20', {
      day: TOMORROW, start: at('08:30', TOMORROW), end: at('09:20', TOMORROW), subjects: ['gs'], teachers: ['NEW'], groups: ['2a'],
      change: { previousTeachers: ['BKR'] },
    });
    const wrapper = start('13:30', changesBoard([
      { day: DAY, groups: [{ group: '2a', lessons: [cancelled] }, { group: '3c', lessons: [moved] }] },
      { day: TOMORROW, groups: [{ group: '2a', lessons: [sub] }] },
    ]));
    await flushPromises();
    expect(fake.callsOf('kiosk.changes')[0]).toEqual({ at: at('13:30'), includeNextDay: true });
    const board = wrapper.find('[data-testid="changes-board"]');
    const blocks = board.findAll('section').map((s) => s.attributes('aria-label'));
    expect(blocks).toEqual(['2a Vandaag', '3c Vandaag', '2a Morgen · woensdag']);
    expect(board.text()).toContain('Vervalt');
    expect(board.findAll('s').map((s) => s.text())).toEqual(['14:00', 'wi · DEN · A1.01']);
    expect(board.text()).toContain('Ander lokaal was A1.04');
    expect(board.text()).toContain('Invaller was BKR');
  });

  it('pages calmly when the changes do not fit, and says so when there are none', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      group: `${i + 1}a`, lessons: [lesson('14:00', '14:50', { groups: [`${i + 1}a`], change: { cancelled: true } })],
    }));
    const wrapper = start('09:00', changesBoard([{ day: DAY, groups: many }]), 6);
    await flushPromises();
    const indicator = () => wrapper.find('[data-testid="page-indicator"]').text();
    expect(indicator()).toMatch(/^1\/\d/);
    await vi.advanceTimersByTimeAsync(7_000);
    expect(indicator()).toMatch(/^2\/\d/);

    fake.respond('kiosk.changes', changesBoard([{ day: DAY, groups: [] }]));
    fake.emit('data.changed', { at: at('09:00'), source: 'demo' });
    await flushPromises();
    expect(wrapper.text()).toContain('Geen roosterwijzigingen.');
  });
});
