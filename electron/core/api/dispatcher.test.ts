import { describe, expect, it } from 'vitest';
import { callNames, calls, type Role } from '@shared/contract';
import { DEFAULT_PROFILE } from '@shared/domain/display';
import { memoryLogger } from '../logger';
import { CallFailure } from './callFailure';
import { createDispatcher, type Handlers } from './dispatcher';
import { kioskStaffHandlers } from './staffHandlers';

const status = { state: 'idle', source: 'demo', lastSuccessAt: null, lastAttemptAt: null, lastError: null, consecutiveFailures: 0, nextRunAt: null, progress: null } as const;
const board = { at: 0, day: '2026-11-24', periods: [], rooms: [], changesAt: null, dataAsOf: null };

function slot() {
  let token: string | null = null;
  return { get: () => token, set: (t: string | null) => void (token = t) };
}

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    ...kioskStaffHandlers(),
    'app.info': () => ({ mode: 'kiosk', version: '1', school: { name: 'S', zone: 'Europe/Amsterdam' }, locale: 'nl', clock: { now: 1, rate: 1 } }),
    'clock.now': () => ({ now: 1, rate: 1 }),
    'kiosk.nowNext': () => board,
    'kiosk.roomDay': () => { throw new CallFailure('NOT_FOUND', 'no room'); },
    'kiosk.changes': () => ({ days: [], dataAsOf: null }),
    'display.current': () => ({ profile: DEFAULT_PROFILE, profiles: [], holidays: [], pinConfigured: false }),
    'display.choose': () => DEFAULT_PROFILE,
    'rooms.list': () => [],
    'announcements.current': () => ({ announcements: [], changesAt: null }),
    'sync.status': () => status,
    'sources.test': () => ({ ok: true, steps: [] }),
    'fleet.screen': () => null,
    'sync.runNow': () => status,
    ...overrides,
  };
}

describe('the dispatcher', () => {
  it('answers a valid call with its value', async () => {
    const dispatch = createDispatcher('kiosk', handlers(), memoryLogger());
    expect(await dispatch({ role: 'kiosk' }, 'clock.now', {})).toEqual({ ok: true, value: { now: 1, rate: 1 } });
  });

  it('refuses unknown calls, including names from Object.prototype', async () => {
    const dispatch = createDispatcher('kiosk', handlers(), memoryLogger());
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      expect(await dispatch({ role: 'admin' }, name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('refuses input that does not match the schema, without running the handler', async () => {
    let ran = false;
    const dispatch = createDispatcher('kiosk', handlers({ 'kiosk.nowNext': () => ((ran = true), board) }), memoryLogger());
    for (const input of [{ at: 'tomorrow' }, { at: -5 }, { rooms: [] }, { extra: true }, 'string', null, [1]]) {
      expect(await dispatch({ role: 'kiosk' }, 'kiosk.nowNext', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(ran).toBe(false);
  });

  it('checks the role of every call: a lower role never reaches a higher call', async () => {
    const ranks: Role[] = ['kiosk', 'teacher', 'admin'];
    let ran = 0;
    // Handlers that only count: an allowed call then fails on its input or its (empty) output, never on its role.
    const counting = Object.fromEntries(callNames.map((n) => [n, () => void ran++])) as unknown as Handlers;
    const dispatch = createDispatcher('staff', counting, memoryLogger());
    for (const name of callNames) {
      for (const role of ranks) {
        const allowed = ranks.indexOf(role) >= ranks.indexOf(calls[name].role);
        const before = ran;
        const result = await dispatch({ role, session: slot() }, name, {});
        const refused = !result.ok && ['FORBIDDEN', 'UNAUTHENTICATED'].includes(result.error.code);
        expect(refused, `${role} -> ${name}`).toBe(!allowed);
        if (!allowed) {
          expect(result).toMatchObject({ ok: false, error: { code: role === 'kiosk' ? 'UNAUTHENTICATED' : 'FORBIDDEN' } });
          expect(ran).toBe(before);
        }
      }
    }
  });

  it('keeps sign-in calls to staff windows: a page without a session slot (a kiosk window) is refused', async () => {
    const dispatch = createDispatcher('staff', handlers({ 'auth.status': () => ({ user: null, setupNeeded: false, idleLockMinutes: 5 }) }), memoryLogger());
    expect(await dispatch({ role: 'kiosk' }, 'auth.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch({ role: 'kiosk', session: slot() }, 'auth.status', {})).toMatchObject({ ok: true });
    const onKiosk = createDispatcher('kiosk', handlers(), memoryLogger());
    expect(await onKiosk({ role: 'kiosk', session: slot() }, 'auth.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('in kiosk mode answers FORBIDDEN, since nobody can sign in there', async () => {
    const dispatch = createDispatcher('kiosk', handlers(), memoryLogger());
    expect(await dispatch({ role: 'kiosk' }, 'sync.runNow', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('turns an answer outside the contract into an error instead of passing it on', async () => {
    const log = memoryLogger();
    const leaky = handlers({ 'rooms.list': () => [{ code: 'A', name: 'A', building: 'A', floor: 0, kind: 'classroom', capacity: 1, pupilName: 'Sanne' }] as never });
    const result = await createDispatcher('kiosk', leaky, log)({ role: 'kiosk' }, 'rooms.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('Sanne');
    expect(log.lines.map((l) => l.event)).toContain('call.bad-output');
  });

  it('maps failures to stable codes and hides internal details', async () => {
    const dispatch = createDispatcher('kiosk', handlers({
      'rooms.list': () => { throw new CallFailure('NOT_FOUND', 'no such room'); },
      'clock.now': () => { throw new Error('secret internals at /home/x'); },
    }), memoryLogger());
    expect(await dispatch({ role: 'kiosk' }, 'rooms.list', {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no such room' } });
    const internal = await dispatch({ role: 'kiosk' }, 'clock.now', {});
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('/home/x');
  });
});
