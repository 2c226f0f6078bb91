import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Lesson } from '@shared/domain/lesson';
import { createGangbordI18n, type Locale } from '../../i18n';
import { at, DAY, lesson, room, ZONE } from '../../testing/builders';
import RoomCard from './RoomCard.vue';

function render(now: Lesson | null, next: Lesson | null, locale: Locale = 'nl', code = 'A1.01') {
  return mount(RoomCard, {
    props: { view: { room: room(code), now, next }, zone: ZONE, today: DAY },
    global: { plugins: [createGangbordI18n(locale)] },
  });
}
const group = (wrapper: ReturnType<typeof render>, label: string) => wrapper.find(`[role="group"][aria-label="${label}"]`);

describe('RoomCard', () => {
  it('is a region named by the room code and name, with a "Nu" and a "Straks" part', () => {
    const wrapper = render(null, null);
    expect(wrapper.find('section').attributes('aria-label')).toBe('A1.01 Lokaal A1.01');
    expect(group(wrapper, 'Nu').exists()).toBe(true);
    expect(group(wrapper, 'Straks').exists()).toBe(true);
  });

  it('shows the lesson now and next: subject, groups, teachers and times', () => {
    const wrapper = render(
      lesson('08:30', '09:20', { subjects: ['wi'], groups: ['2a', '2b'], teachers: ['DEN'] }),
      lesson('09:20', '10:10', { subjects: ['en'], groups: ['3c'], teachers: ['KLM'] }),
    );
    expect(group(wrapper, 'Nu').text()).toContain('08:30–09:20');
    expect(group(wrapper, 'Nu').text()).toContain('wi · 2a, 2b · DEN');
    expect(group(wrapper, 'Straks').text()).toContain('09:20–10:10');
    expect(group(wrapper, 'Straks').text()).toContain('en · 3c · KLM');
    expect(wrapper.find('[data-testid="change-badge"]').exists()).toBe(false);
  });

  it('says the room is free, and until when when the next lesson is today', () => {
    expect(group(render(null, lesson('10:30', '11:20')), 'Nu').text()).toContain('Vrij tot 10:30');
    expect(group(render(null, null), 'Nu').text()).toContain('Vrij');
    expect(group(render(null, null), 'Straks').text()).toContain('Geen les gepland');
  });

  it('gives a next lesson on another day its weekday', () => {
    const tomorrow = lesson('08:30', '09:20', { day: '2026-11-25', start: at('08:30', '2026-11-25'), end: at('09:20', '2026-11-25') });
    const wrapper = render(null, tomorrow);
    expect(group(wrapper, 'Straks').text()).toContain('wo 08:30–09:20');
    expect(group(wrapper, 'Nu').text()).not.toContain('tot');
  });

  it('strikes a cancelled lesson through and labels it, not by colour alone', () => {
    const wrapper = render(lesson('08:30', '09:20', { subjects: ['wi'], change: { cancelled: true } }), null);
    const now = group(wrapper, 'Nu');
    expect(now.find('[data-testid="change-badge"]').text()).toContain('Vervalt');
    expect(now.findAll('s').map((s) => s.text())).toEqual(['08:30–09:20', 'wi · 2a · DEN']);
  });

  it('in the new room says where the lesson normally is; in the old room where it went', () => {
    const moved = lesson('08:30', '09:20', { rooms: ['B2.10'], change: { previousRooms: ['A1.04'] } });
    const inNew = group(render(moved, null, 'nl', 'B2.10'), 'Nu');
    expect(inNew.find('[data-testid="change-badge"]').text()).toContain('Ander lokaal');
    expect(inNew.text()).toContain('was A1.04');
    const inOld = group(render(moved, null, 'nl', 'A1.04'), 'Nu');
    expect(inOld.find('[data-testid="change-badge"]').text()).toContain('Verplaatst');
    expect(inOld.text()).toContain('Verplaatst naar B2.10');
  });

  it('marks a substitute with the new teacher and the one replaced, and an extra lesson', () => {
    const sub = group(render(lesson('08:30', '09:20', { teachers: ['NEW'], change: { previousTeachers: ['BKR'] } }), null), 'Nu');
    expect(sub.find('[data-testid="change-badge"]').text()).toContain('Invaller');
    expect(sub.text()).toContain('NEW');
    expect(sub.text()).toContain('was BKR');
    const extra = group(render(null, lesson('10:30', '11:20', { change: { added: true } })), 'Straks');
    expect(extra.find('[data-testid="change-badge"]').text()).toContain('Extra');
  });

  it('speaks English when asked', () => {
    const wrapper = render(lesson('08:30', '09:20', { change: { cancelled: true } }), null, 'en');
    expect(group(wrapper, 'Now').find('[data-testid="change-badge"]').text()).toContain('Cancelled');
    expect(group(wrapper, 'Next').text()).toContain('No lesson planned');
  });

  it('counts groups beyond three instead of letting them push the rest off the card', () => {
    const wrapper = render(lesson('08:30', '09:20', { groups: ['a', 'b', 'c', 'd', 'e'] }), null);
    expect(group(wrapper, 'Nu').text()).toContain('a, b, c +2');
  });
});
