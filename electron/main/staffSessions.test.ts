import { describe, expect, it } from 'vitest';
import { createStaffSessions } from './staffSessions';

describe('staff sign-ins per window', () => {
  it('keeps each window its own session, and forgets it with the window', () => {
    const sessions = createStaffSessions();
    const a = sessions.slotFor(1);
    a.set('token-a');
    expect(sessions.slotFor(1).get()).toBe('token-a');
    expect(sessions.slotFor(2).get()).toBeNull();
    sessions.forget(1);
    expect(a.get()).toBeNull();
  });
});
