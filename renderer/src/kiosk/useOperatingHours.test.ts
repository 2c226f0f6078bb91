import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import type { OperatingHours } from '@shared/domain/display';
import { at, ZONE } from '../testing/builders';
import { useOperatingHours } from './useOperatingHours';

describe('useOperatingHours', () => {
  const hours: OperatingHours = { days: [1, 2, 3, 4, 5], from: '07:30', to: '17:30', offOnHolidays: true };

  it('is on within the hours and off outside, switching at the exact second', () => {
    const now = ref(at('07:29:59'));
    const on = useOperatingHours(() => ({ hours, holidays: [], zone: ZONE, now: now.value }));
    expect(on.value).toBe(false);
    now.value = at('07:30');
    expect(on.value).toBe(true);
    now.value = at('17:29:59');
    expect(on.value).toBe(true);
    now.value = at('17:30');
    expect(on.value).toBe(false);
  });

  it('is always on without hours, and off on a holiday', () => {
    const now = ref(at('10:00'));
    const holidays = ref([{ name: 'Studiedag', from: '2026-11-24', to: '2026-11-24' }]);
    const noHours = useOperatingHours(() => ({ hours: null, holidays: [], zone: ZONE, now: now.value }));
    expect(noHours.value).toBe(true);
    const onHoliday = useOperatingHours(() => ({ hours, holidays: holidays.value, zone: ZONE, now: now.value }));
    expect(onHoliday.value).toBe(false);
    holidays.value = [];
    expect(onHoliday.value).toBe(true);
  });
});
