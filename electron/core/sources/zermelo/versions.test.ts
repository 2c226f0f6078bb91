import { describe, expect, it } from 'vitest';
import type { ZermeloAppointment } from './schemas';
import { histories } from './versions';

const v = (id: number, instance: number | null, extra: Partial<ZermeloAppointment> = {}): ZermeloAppointment => ({
  id,
  appointmentInstance: instance,
  start: 0,
  end: 1,
  ...extra,
});

describe('appointment versions', () => {
  it('one history per instance: the valid version now, the base version to compare with', () => {
    const [h] = histories([
      v(1, 7, { valid: false, base: true, lastModified: 10 }),
      v(2, 7, { valid: false, lastModified: 20 }),
      v(3, 7, { valid: true, lastModified: 20 }),
    ]);
    expect(h).toMatchObject({ instance: '7', current: { id: 3 }, previous: { id: 1 }, lastModified: 20 });
  });

  it('without a base version the latest superseded one; a withdrawn instance has no current version', () => {
    const [h] = histories([v(1, 7, { valid: false, lastModified: 10 }), v(2, 7, { valid: false, lastModified: 30 })]);
    expect(h).toMatchObject({ current: null, previous: { id: 2 } });
  });

  it('two valid versions (a portal glitch): the newest wins; a version seen twice counts once', () => {
    const list = histories([v(1, 7, { lastModified: 10 }), v(2, 7, { lastModified: 30 }), v(2, 7, { lastModified: 30 })]);
    expect(list).toHaveLength(1);
    expect(list[0]!.current!.id).toBe(2);
  });

  it('without appointmentInstance (not granted) every version stands alone', () => {
    expect(histories([v(1, null), v(2, null)]).map((h) => h.instance)).toEqual(['v1', 'v2']);
  });
});
