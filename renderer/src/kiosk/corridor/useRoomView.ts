import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Instant, LocalDate } from '@shared/domain/time';
import type { RoomNowNextView } from '../../stores/board';
import { changeMarks } from '../../timetable/lessonChanges';
import { shortTime } from '../../timetable/formatTime';

/** What a room card and a room's row both say of a room: its name, whether it changed, and "free until". */
export function useRoomView(source: () => { view: RoomNowNextView; today: LocalDate }) {
  const room = computed(() => source().view.room);
  /** People read a room's sign by its code; the name helps when it says more than the code. */
  const showName = computed(() => room.value.name.trim() !== '' && room.value.name !== room.value.code);
  const accessibleName = computed(() => (showName.value ? `${room.value.code} ${room.value.name}` : room.value.code));
  const hasChange = computed(() => {
    const { now, next } = source().view;
    return [now, next].some((lesson) => lesson !== null && changeMarks(lesson, room.value.code).length > 0);
  });
  const freeUntil = computed(() => {
    const { view, today } = source();
    return view.now === null && view.next !== null && view.next.day === today ? view.next.start : null;
  });
  return { room, showName, accessibleName, hasChange, freeUntil };
}

/** The words of a now or next slot, in a card or a row: its label and what it says when empty. */
export function useSlotWords(source: () => { which: 'now' | 'next'; zone: string; freeUntil?: Instant | null }) {
  const { t } = useI18n();
  const label = computed(() => (source().which === 'now' ? t('board.now') : t('board.next')));
  const emptyText = computed(() => {
    const { which, freeUntil, zone } = source();
    if (which === 'next') return t('board.nothingPlanned');
    return freeUntil != null ? t('board.freeUntil', { time: shortTime(freeUntil, zone) }) : t('board.free');
  });
  return { label, emptyText };
}
