import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { at, ZONE } from '../testing/builders';
import { clockStepped, earliest, nextMidnight } from './clockSteps';

describe('clockStepped', () => {
  it('works the value out again only when the clock reaches the instant it named, and in that very tick', () => {
    const now = ref<number | null>(at('09:00'));
    let evaluations = 0;
    const value = clockStepped(() => now.value, (t) => {
      evaluations += 1;
      return { value: (t ?? 0) >= at('09:20') ? 'break' : 'lesson', until: (t ?? 0) >= at('09:20') ? null : at('09:20') };
    });
    expect(value.value).toBe('lesson');
    for (let s = 1; s < 60; s++) {
      now.value = at('09:00') + s * 1000;
      expect(value.value).toBe('lesson');
    }
    expect(evaluations).toBe(1);
    now.value = at('09:20');
    expect(value.value).toBe('break');
    expect(evaluations).toBe(2);
  });

  it('works it out again when the clock goes back, and when its other inputs change', () => {
    const now = ref<number | null>(at('09:30'));
    const offset = ref(0);
    const value = clockStepped(() => now.value, (t) => ({ value: (t ?? 0) + offset.value, until: null }));
    expect(value.value).toBe(at('09:30'));
    now.value = at('09:00');
    expect(value.value).toBe(at('09:00'));
    offset.value = 5;
    expect(value.value).toBe(at('09:00') + 5);
  });

  it('starts following the clock once it has a first reading', () => {
    const now = ref<number | null>(null);
    const value = clockStepped(() => now.value, (t) => ({ value: t, until: null }));
    expect(value.value).toBeNull();
    now.value = at('09:00');
    expect(value.value).toBe(at('09:00'));
  });

  it('knows midnight in the school zone and the earlier of two instants', () => {
    expect(nextMidnight(at('23:59:59'), ZONE)).toBe(at('00:00', '2026-11-25'));
    expect(earliest(null, 5)).toBe(5);
    expect(earliest(7, 5)).toBe(5);
    expect(earliest(null, null)).toBeNull();
  });
});
