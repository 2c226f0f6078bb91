import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CallInput, calls, type KioskCallName, kioskCallNames } from '@shared/contract';
import { displayName } from '@shared/domain';
import { instantAt } from '@shared/timetable/zonedTime';
import { hashPin } from '../display/pin';
import { generateDemoSchool } from '../demo/demoSchool';
import type { Snapshot } from '../sync/snapshot';
import { startCore } from '../testing/startedCore';
import { useTempDirs } from '../testing/tempDir';

/*
 * Invariant 4: a kiosk never holds or shows pupils' personal data. Every call a kiosk may make is enumerated
 * here; a new kiosk call without a sample input below fails this test until someone has looked at it.
 */
const tempDir = useTempDirs();
const NOW = instantAt('2026-11-24', '09:00', 'Europe/Amsterdam');

const PIN = '2468';
const sampleInputs = (school: Snapshot): { [N in KioskCallName]: CallInput<N> } => ({
  'app.info': {},
  'clock.now': {},
  'kiosk.nowNext': { at: NOW },
  'kiosk.roomDay': { room: school.rooms.find((r) => r.kind === 'classroom')!.code, at: NOW },
  'kiosk.changes': { at: NOW, includeNextDay: true },
  'display.current': {},
  'display.choose': { profileId: 'gang', pin: PIN },
  'rooms.list': {},
  'announcements.current': { at: NOW },
  'sync.status': {},
  'fleet.screen': {},
});

function propertyNames(schema: unknown, out = new Set<string>(), anyNodes: string[] = [], path = '$'): { names: Set<string>; anyNodes: string[] } {
  if (schema && typeof schema === 'object') {
    const node = schema as Record<string, unknown>;
    if (Object.keys(node).filter((k) => k !== '$schema').length === 0) anyNodes.push(path);
    for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) {
      out.add(k);
      propertyNames(v, out, anyNodes, `${path}.${k}`);
    }
    for (const key of ['items', 'anyOf', 'oneOf', 'allOf', 'prefixItems', 'additionalProperties']) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach((c, i) => propertyNames(c, out, anyNodes, `${path}.${key}[${i}]`));
      else if (child && typeof child === 'object') propertyNames(child, out, anyNodes, `${path}.${key}`);
    }
  }
  return { names: out, anyNodes };
}

describe('the kiosk part of the contract', () => {
  it('has a sample input for every kiosk call (a new one must be added here)', () => {
    const school = generateDemoSchool({ size: 'small', now: NOW, zone: 'Europe/Amsterdam', scope: 'kiosk' });
    expect(Object.keys(sampleInputs(school)).sort()).toEqual([...kioskCallNames].sort());
  });

  it.each(kioskCallNames)('%s cannot return a name, a pupil number or a photo by its schema', (name) => {
    const json = z.toJSONSchema(calls[name].output, { unrepresentable: 'any' });
    const { names, anyNodes } = propertyNames(json);
    for (const personal of ['firstName', 'lastName', 'prefix', 'pupils', 'pupil', 'photo', 'photoConsent', 'bytes', 'mime']) {
      expect(names.has(personal), `${name} output has a "${personal}" field`).toBe(false);
    }
    // A schema-less ("any") node could carry anything at all.
    expect(anyNodes, `${name} output has untyped parts`).toEqual([]);
    expect(JSON.stringify(json), `${name} output has a field shaped like a pupil number`).not.toContain('^\\\\d{3,10}$');
  });

  it('returns none of the pupils or staff names a staff cache holds, for any kiosk call', async () => {
    // Worst case: a staff machine, whose cache does hold pupils, answering kiosk-level callers.
    const school = generateDemoSchool({ size: 'small', now: NOW, zone: 'Europe/Amsterdam', scope: 'staff' });
    const { core } = await startCore(tempDir(), {
      mode: 'staff', snapshot: school,
      settings: { display: { profiles: [{ id: 'gang', name: 'Gang', layout: 'corridor' }], active: null, pinHash: hashPin(PIN) } },
    });
    const inputs = sampleInputs(school);
    const answers: string[] = [];
    for (const name of kioskCallNames) {
      const result = await core.dispatch({ role: 'kiosk' }, name, inputs[name]);
      expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(true);
      answers.push(JSON.stringify(result));
    }
    const all = answers.join('\n');
    expect(all).toContain(school.rooms[0]!.code); // the answers are real, not empty
    for (const pupil of school.pupils) {
      expect(all).not.toContain(displayName(pupil));
      expect(all).not.toContain(`"${pupil.number}"`);
    }
    for (const teacher of school.teachers) if (teacher.name) expect(all).not.toContain(displayName(teacher.name));
    expect(all).not.toMatch(/iVBORw0KGgo|\/9j\/4/); // PNG or JPEG bytes in base64
    await core.stop();
  });
});

describe('free text on a kiosk', () => {
  it('is never stored: remarks and change descriptions go, and a teacher named in full is kept by initials', async () => {
    const { openTestCache } = await import('../testing/openTestCache');
    const { sampleSnapshot, lesson, DAY } = await import('../testing/sampleSchool');
    const { writeSnapshot } = await import('../sync/writer');
    const db = openTestCache(tempDir());
    const chatty = lesson('talk', DAY, 1, 'A1.01', {
      teachers: ['Sanne van den Berg'], remark: 'Met de ouders van Daan Çelik (135791)',
      change: { cancelled: true, description: 'Vervalt: Sanne van den Berg ziek', previousTeachers: ['Daan Çelik'] },
    });
    writeSnapshot(db, sampleSnapshot({ lessons: [chatty], teachers: [{ code: 'Sanne van den Berg', name: null }] }), { scope: 'kiosk', source: 'test', now: NOW });
    const stored = JSON.stringify([db.prepare('SELECT * FROM lessons').all(), db.prepare('SELECT * FROM teachers').all()]);
    for (const personal of ['Daan', 'Çelik', '135791', 'Sanne', 'Berg']) expect(stored).not.toContain(personal);
    expect(db.prepare('SELECT teachers, prev_teachers FROM lessons').get()).toEqual({ teachers: 'SB', prev_teachers: 'DÇ' });
  });
});
