import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lesson } from '@shared/domain/lesson';
import type { Locale } from '../../i18n';
import { announcements, at, displaySetup, lesson, roomDay } from '../../testing/builders';
import type { FakeTransport } from '../../testing/fakeTransport';
import { fakeTimersEachTest } from '../../testing/fakeCore';
import { fakeKioskCore, mountKiosk } from '../kioskTesting';

enableAutoUnmount(afterEach);

const MONDAY = '2026-11-30';
const onMonday = (from: string, to: string, extra: Partial<Lesson> = {}) =>
  lesson(from, to, { day: MONDAY, start: at(from, MONDAY), end: at(to, MONDAY), ...extra });

describe('the door sign', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  const wiskunde = lesson('08:30', '09:20', { subjects: ['wi'], groups: ['2a'], teachers: ['DEN'] });
  const engels = lesson('09:20', '10:10', { subjects: ['en'], groups: ['3c'], teachers: ['KLM'] });
  const geschiedenis = lesson('10:25', '11:15', { subjects: ['gs'], groups: ['1b'], teachers: ['PRT'] });
  const day = roomDay([wiskunde, engels, geschiedenis], { nextDay: MONDAY, nextDayLessons: [onMonday('08:30', '09:20', { subjects: ['ne'] })] });

  function start(time: string, locale: Locale = 'nl') {
    fake = fakeKioskCore(time)
      .respond('display.current', displaySetup({ layout: 'door', rooms: { kind: 'list', rooms: ['A1.01'] }, locale, staleAfterMinutes: 600 }))
      .respond('announcements.current', announcements([]))
      .respond('kiosk.roomDay', day);
    return mountKiosk();
  }

  const part = (wrapper: ReturnType<typeof start>, id: string) => wrapper.find(`[data-testid="${id}"]`);

  it('shows its room, the lesson now with time left and progress, next and the rest of the day', async () => {
    const wrapper = start('08:55');
    await flushPromises();
    expect(fake.callsOf('kiosk.roomDay')[0]).toMatchObject({ room: 'A1.01' });
    expect(part(wrapper, 'door-sign').find('h2').text()).toBe('A1.01');
    expect(part(wrapper, 'door-now').text()).toContain('08:30–09:20');
    expect(part(wrapper, 'door-now').text()).toContain('wi · 2a · DEN');
    expect(part(wrapper, 'time-left').text()).toBe('nog 25 min');
    expect(part(wrapper, 'progress').attributes('aria-valuenow')).toBe('50');
    expect(part(wrapper, 'door-next').text()).toContain('Straks');
    expect(part(wrapper, 'door-next').text()).toContain('en · 3c · KLM');
    expect(part(wrapper, 'door-later').text()).toContain('Verder vandaag');
    expect(part(wrapper, 'door-later').text()).toContain('10:25–11:15');
  });

  it('between lessons says until when the room is free and when the next one starts', async () => {
    const wrapper = start('10:10:30');
    await flushPromises();
    expect(part(wrapper, 'door-now').text()).toContain('Vrij tot 10:25');
    expect(part(wrapper, 'door-next').text()).toContain('Volgende om 10:25');
    expect(part(wrapper, 'progress').exists()).toBe(false);
  });

  it('after the last lesson names the next school day and its first lesson', async () => {
    const wrapper = start('11:15');
    await flushPromises();
    expect(part(wrapper, 'door-now').text()).toContain('Geen lessen tot maandag 30 november');
    expect(part(wrapper, 'door-next').text()).toContain('Eerste les maandag 30 november');
    expect(part(wrapper, 'door-next').text()).toContain('ma 08:30–09:20');
  });

  it('in English', async () => {
    const wrapper = start('11:15', 'en');
    await flushPromises();
    expect(part(wrapper, 'door-now').text()).toContain('No lessons until Monday 30 November');
  });

  it('counts down to the exact second the lesson ends, then shows the next one', async () => {
    const wrapper = start('09:19:58');
    await flushPromises();
    expect(part(wrapper, 'time-left').text()).toBe('nog 1 min');
    await vi.advanceTimersByTimeAsync(2_010);
    expect(wrapper.find('[data-testid="clock"]').text()).toBe('09:20:00');
    expect(part(wrapper, 'door-now').text()).toContain('en · 3c · KLM');
    expect(part(wrapper, 'time-left').text()).toBe('nog 50 min');
  });

  it('strikes a cancelled lesson through and labels it, without a time left', async () => {
    const cancelled = lesson('08:30', '09:20', { subjects: ['wi'], change: { cancelled: true } });
    const wrapper = start('08:55');
    fake.respond('kiosk.roomDay', roomDay([cancelled, engels]));
    fake.emit('data.changed', { at: at('08:55'), source: 'demo' });
    await flushPromises();
    const now = part(wrapper, 'door-now');
    expect(now.find('[data-testid="change-badge"]').text()).toContain('Vervalt');
    expect(now.findAll('s').map((s) => s.text())).toContain('08:30–09:20');
    expect(part(wrapper, 'time-left').exists()).toBe(false);
  });

  it('tells where a lesson went, and where one that came here was', async () => {
    const away = lesson('08:30', '09:20', { rooms: ['B2.10'], change: { previousRooms: ['A1.01'] } });
    const here = lesson('09:20', '10:10', { rooms: ['A1.01'], change: { previousRooms: ['A1.04'] } });
    const wrapper = start('08:55');
    fake.respond('kiosk.roomDay', roomDay([away, here]));
    fake.emit('data.changed', { at: at('08:55'), source: 'demo' });
    await flushPromises();
    expect(part(wrapper, 'door-now').text()).toContain('Verplaatst naar B2.10');
    expect(part(wrapper, 'door-next').text()).toContain('Ander lokaal was A1.04');
  });

  it('asks for a room when its profile names a building instead of one room', async () => {
    const wrapper = start('09:00');
    fake.respond('display.current', displaySetup({ layout: 'door', rooms: { kind: 'building', building: 'A' } }));
    fake.emit('display.changed', { profileId: 'default' });
    await flushPromises();
    expect(wrapper.text()).toContain('Dit deurbord hoort bij één lokaal');
  });
});
