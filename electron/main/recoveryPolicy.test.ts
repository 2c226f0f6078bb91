import { describe, expect, it } from 'vitest';
import { decideRecovery, defaultRecoveryPolicy, shouldRecover } from './recoveryPolicy';

const minute = 60_000;

describe('decideRecovery', () => {
  it('reloads quickly after a single crash', () => {
    expect(decideRecovery([], 1_000_000)).toMatchObject({ delayMs: 1_000, outOfService: false, recentFailures: 1, history: [1_000_000] });
  });

  it('backs off on repeated failures and shows the out-of-service page once they pile up', () => {
    let history: number[] = [];
    const delays: number[] = [];
    const outOfService: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = decideRecovery(history, 1_000_000 + i * 100);
      history = decision.history;
      delays.push(decision.delayMs);
      outOfService.push(decision.outOfService);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000]);
    expect(outOfService).toEqual([false, false, false, true, true, true]);
  });

  it('never waits longer than the cap, and never gives up', () => {
    const history = Array.from({ length: 40 }, (_, i) => 1_000_000 + i);
    const decision = decideRecovery(history, 1_000_100);
    expect(decision.delayMs).toBe(defaultRecoveryPolicy.maxDelayMs);
    expect(decision.outOfService).toBe(true);
  });

  it('forgets failures older than the window, so one bad morning does not slow the afternoon', () => {
    const decision = decideRecovery([0, 1_000, 2_000, 3_000], 11 * minute);
    expect(decision).toMatchObject({ delayMs: 1_000, outOfService: false, recentFailures: 1 });
  });
});

describe('shouldRecover', () => {
  it('recovers a live window, not a closing one or a quitting app', () => {
    expect(shouldRecover({ quitting: false, windowDestroyed: false })).toBe(true);
    expect(shouldRecover({ quitting: true, windowDestroyed: false })).toBe(false);
    expect(shouldRecover({ quitting: false, windowDestroyed: true })).toBe(false);
  });
});
