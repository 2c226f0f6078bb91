import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Lesson } from '@shared/domain/lesson';
import type { TimetableSubject, WeekTimetable } from '@shared/domain/staff';
import type { LocalDate } from '@shared/domain/time';
import { addDays, mondayOf } from '@shared/timetable/zonedTime';
import { type ShownError, shownError, staffCall } from './staffCall';

export interface TimetableTarget {
  kind: TimetableSubject;
  code: string;
}

export interface WhereNow {
  now: Lesson | null;
  next: Lesson | null;
}

/**
 * A week of someone's or something's lessons, and where they should be now. A pupil's week and whereabouts are
 * audited by the core, so they are asked for only when a staff member opens them.
 */
export const useTimetableStore = defineStore('staffTimetable', () => {
  const target = ref<TimetableTarget | null>(null);
  const monday = ref<LocalDate | null>(null);
  const week = ref<WeekTimetable | null>(null);
  const whereNow = ref<WhereNow | null>(null);
  const loading = ref(false);
  const error = ref<ShownError | null>(null);
  let generation = 0;
  let weekRequest = 0;

  async function loadWeek(gen: number): Promise<void> {
    if (!target.value || !monday.value) return;
    const request = ++weekRequest;
    loading.value = true;
    error.value = null;
    const result = await staffCall('timetable.week', { kind: target.value.kind, code: target.value.code, monday: monday.value });
    if (gen !== generation || request !== weekRequest) return; // another subject or week was asked for meanwhile
    loading.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      week.value = null;
      return;
    }
    week.value = result.value;
  }

  async function loadWhereNow(gen: number): Promise<void> {
    const t = target.value;
    if (!t || t.kind === 'room') return;
    const result = await staffCall('timetable.whereNow', { kind: t.kind, code: t.code });
    if (gen !== generation || !result.ok) return;
    whereNow.value = result.value;
  }

  /** Opens a timetable at the week of `day` (today, usually). */
  async function open(next: TimetableTarget, day: LocalDate): Promise<void> {
    close();
    const gen = generation;
    target.value = { ...next };
    monday.value = mondayOf(day);
    await Promise.all([loadWeek(gen), loadWhereNow(gen)]);
  }

  async function shiftWeeks(weeks: number): Promise<void> {
    if (!monday.value) return;
    monday.value = addDays(monday.value, 7 * weeks);
    await loadWeek(generation);
  }

  async function goToWeekOf(day: LocalDate): Promise<void> {
    if (!target.value || monday.value === mondayOf(day)) return;
    monday.value = mondayOf(day);
    await loadWeek(generation);
  }

  function close() {
    generation += 1;
    target.value = null;
    monday.value = null;
    week.value = null;
    whereNow.value = null;
    loading.value = false;
    error.value = null;
  }

  return { target, monday, week, whereNow, loading, error, open, shiftWeeks, goToWeekOf, close, $reset: close };
});
