import { describe, expect, it } from 'vitest';
import {
  defaultRecoveryPolicy as policy, initialRecoveryState, isRecovering, onPageFailure, onReloadIssued, type RecoveryAction,
  type RecoveryState, shouldRecover,
} from './recoveryPolicy';

const second = 1_000;
const minute = 60_000;

/** Fails at each time given, issuing the scheduled reload in between, as recovery.ts does; returns each action. */
function failAt(times: number[], start: RecoveryState = initialRecoveryState): { actions: RecoveryAction[]; state: RecoveryState } {
  let state = start;
  const actions: RecoveryAction[] = [];
  for (const t of times) {
    const step = onPageFailure(state, t, policy);
    actions.push(step.action);
    state = onReloadIssued(step.state);
  }
  return { actions, state };
}

describe('onPageFailure: reload with backoff', () => {
  it('reloads after 1 s, then 2 s and 5 s while failures pile up', () => {
    const { actions } = failAt([0, 10 * second, 20 * second]);
    expect(actions).toEqual([{ kind: 'reload', delayMs: 1_000 }, { kind: 'reload', delayMs: 2_000 }, { kind: 'reload', delayMs: 5_000 }]);
  });

  it('follows the whole sequence 1 s, 2 s, 5 s, 10 s, 30 s and stays at the last when the threshold is higher', () => {
    const patient = { ...policy, crashLoop: { failures: 100, withinMs: 10 * minute } };
    let state = initialRecoveryState;
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const step = onPageFailure(state, i * second, patient);
      if (step.action.kind === 'reload') delays.push(step.action.delayMs);
      state = onReloadIssued(step.state);
    }
    expect(delays).toEqual([1_000, 2_000, 5_000, 10_000, 30_000, 30_000, 30_000]);
  });

  it('forgets failures older than the window, so one bad morning does not slow the afternoon', () => {
    const { actions } = failAt([0, 1 * second, 2 * second, 11 * minute]);
    expect(actions.at(-1)).toEqual({ kind: 'reload', delayMs: 1_000 });
  });

  it('counts one incident once: a second report before the reload was issued changes nothing', () => {
    const first = onPageFailure(initialRecoveryState, 0, policy);
    const again = onPageFailure(first.state, 100, policy);
    expect(again.action).toEqual({ kind: 'wait' });
    expect(again.state).toBe(first.state);
    // Once the reload was issued, the next failure is a new one.
    expect(onPageFailure(onReloadIssued(first.state), 5 * second, policy).action).toEqual({ kind: 'reload', delayMs: 2_000 });
  });
});

describe('onPageFailure: crash loop', () => {
  it('shows the out-of-service page on the 4th failure within 10 minutes, with a retry in 5 minutes', () => {
    const { actions, state } = failAt([0, 1 * minute, 2 * minute, 9 * minute]);
    expect(actions.at(-1)).toEqual({ kind: 'out-of-service', retryInMs: 5 * minute });
    expect(state.outOfService).toBe(true);
  });

  it('does not call four failures spread over more than 10 minutes a loop', () => {
    const { actions } = failAt([0, 4 * minute, 8 * minute, 10 * minute + 1]);
    expect(actions.map((a) => a.kind)).toEqual(['reload', 'reload', 'reload', 'reload']);
  });

  it('stays on the out-of-service page while retries fail, even when they are spread out', () => {
    // Retries 5 minutes apart would never make 4 failures in 10 minutes: without its own state, the policy
    // would drop back to quick reloads after the first retry.
    const loop = failAt([0, 5 * second, 10 * second, 20 * second]);
    const retries = failAt([5 * minute, 10 * minute], loop.state);
    expect(retries.actions).toEqual([{ kind: 'out-of-service', retryInMs: 5 * minute }, { kind: 'out-of-service', retryInMs: 5 * minute }]);
  });

  it('relaunches the app after the third failed retry, and not before', () => {
    const loop = failAt([0, 5 * second, 10 * second, 20 * second]);
    const retries = failAt([5 * minute, 10 * minute, 15 * minute], loop.state);
    expect(retries.actions.map((a) => a.kind)).toEqual(['out-of-service', 'out-of-service', 'relaunch']);
  });

  it('never relaunches when the policy says so, and never gives up', () => {
    const never = { ...policy, relaunchAfterFailedRetries: null };
    let state = initialRecoveryState;
    let last: RecoveryAction = { kind: 'wait' };
    for (let i = 0; i < 50; i++) {
      const step = onPageFailure(state, i * 5 * minute / 10, never);
      last = step.action;
      state = onReloadIssued(step.state);
    }
    expect(last).toEqual({ kind: 'out-of-service', retryInMs: 5 * minute });
    expect(state.failures.length).toBeLessThanOrEqual(never.crashLoop.failures);
  });

  it('starts over after a stable period: a page that ran 10 minutes reloads after 1 s again', () => {
    const loop = failAt([0, 5 * second, 10 * second, 20 * second]);
    // The retry at 5 minutes worked; the page then ran for 12 minutes.
    const after = onPageFailure(loop.state, 20 * second + 17 * minute, policy);
    expect(after.action).toEqual({ kind: 'reload', delayMs: 1_000 });
    expect(after.state).toMatchObject({ outOfService: false, failedRetries: 0, failures: [20 * second + 17 * minute] });
  });

  it('a retry that worked for only a few minutes keeps the screen in out-of-service mode', () => {
    const loop = failAt([0, 5 * second, 10 * second, 20 * second]);
    expect(onPageFailure(loop.state, 20 * second + 8 * minute, policy).action).toEqual({ kind: 'out-of-service', retryInMs: 5 * minute });
  });
});

describe('isRecovering', () => {
  it('is true while a reload is scheduled and for a stable period after the out-of-service page', () => {
    const first = onPageFailure(initialRecoveryState, 0, policy);
    expect(isRecovering(first.state, 0, policy)).toBe(true);
    expect(isRecovering(onReloadIssued(first.state), 1_000, policy)).toBe(false);

    const loop = failAt([0, 5 * second, 10 * second, 20 * second]);
    expect(isRecovering(loop.state, 6 * minute, policy)).toBe(true);
    expect(isRecovering(loop.state, 20 * second + 10 * minute, policy)).toBe(false);
    expect(isRecovering(initialRecoveryState, 0, policy)).toBe(false);
  });
});

describe('shouldRecover', () => {
  it('recovers a live window, not a closing one or a quitting app', () => {
    expect(shouldRecover({ quitting: false, windowDestroyed: false })).toBe(true);
    expect(shouldRecover({ quitting: true, windowDestroyed: false })).toBe(false);
    expect(shouldRecover({ quitting: false, windowDestroyed: true })).toBe(false);
  });
});
