import { describe, expect, it } from 'vitest';
import { jsonEqual } from './jsonEqual';

describe('jsonEqual', () => {
  it('says equal exactly when the JSON would be', () => {
    const lesson = { id: 'a', rooms: ['101'], change: { cancelled: false, previousRooms: [], description: null } };
    expect(jsonEqual(lesson, structuredClone(lesson))).toBe(true);
    expect(jsonEqual(lesson, { ...lesson, change: { ...lesson.change, cancelled: true } })).toBe(false);
    expect(jsonEqual(lesson, { ...lesson, rooms: ['101', '102'] })).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
    expect(jsonEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
});
