import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyBundle, type BundleState } from '../electron/core/fleet/applyBundle';
import type { AlertMessage } from '../electron/core/fleet/alertMessage';
import { countAcknowledgements, type RosterScreen, sendAlert } from '../electron/core/fleet/alertSender';
import { deltaBetween, sealBundle } from '../electron/core/fleet/bundle';
import { newKeyPair, publicKeyFromText, publicKeyText, keyIdOf } from '../electron/core/fleet/keys';
import { openCache } from '../electron/core/db/open';
import { folderStore } from '../electron/core/fleet/store/folderStore';
import { silentLogger } from '../electron/core/logger';
import { generateDemoSchool } from '../electron/core/demo/demoSchool';
import type { Snapshot } from '../electron/core/sync/snapshot';
import { percentile } from './percentiles';
import type { Figure } from './report';

/*
 * The fleet on its folder transport: 200 simulated screens in four processes that share nothing with the sender but
 * the folder, each looking at it every 250 ms as a kiosk does. Ten alerts, each followed by an all clear: from
 * "send" to shown on each screen, and to the sender seeing every screen's signed acknowledgement. Then the bundle a
 * publisher makes of the largest demo school, and what a screen takes to verify and apply one.
 */

const SCREENS = 200;
const PROCESSES = 4;
const ALERTS = 10;
const SCHOOL = 'bench-college';
const ZONE = 'Europe/Amsterdam';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Shown { id: string; alerts: string[]; at: number }

async function alertRound(folder: string): Promise<Figure[]> {
  const sender = newKeyPair();
  const children: ChildProcess[] = [];
  const roster: RosterScreen[] = [];
  const shownEvents: Shown[] = [];
  let refusals = 0;
  await Promise.all(Array.from({ length: PROCESSES }, (_, p) => new Promise<void>((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'fleetScreens.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env, FLEET_FOLDER: folder, FLEET_SCHOOL: SCHOOL, FLEET_PREFIX: `scherm${p}`, FLEET_COUNT: String(SCREENS / PROCESSES),
        FLEET_SENDER: publicKeyText(sender.publicKey), FLEET_SENDER_ID: sender.keyId,
      },
    });
    children.push(child);
    child.on('error', reject);
    child.on('message', (m: { type: string; screens?: { id: string; key: string }[] } & Shown) => {
      if (m.type === 'ready') {
        for (const s of m.screens!) {
          const publicKey = publicKeyFromText(s.key);
          roster.push({ id: s.id, name: s.id, keyId: keyIdOf(publicKey), publicKey });
        }
        resolve();
      }
      if (m.type === 'shown') shownEvents.push({ id: m.id, alerts: m.alerts, at: m.at });
      if (m.type === 'refused') refusals++;
    });
  })));
  for (const child of children) child.send({ type: 'start' });
  await sleep(1_000);

  const shownMs: number[] = [];
  const ackMs: number[] = [];
  const allAckMs: number[] = [];
  let seq = 0;
  try {
    for (let round = 0; round < ALERTS; round++) {
      const id = `bench-${String(round).padStart(4, '0')}`;
      const sentAt = Date.now();
      const alert: AlertMessage = { id, template: 'evacuation', title: 'Ontruiming', text: 'Verlaat het gebouw.', drill: true, audience: [], sentAt, expiresAt: sentAt + 600_000 };
      await sendAlert({ folder, school: SCHOOL, key: sender, seq: ++seq, alert });
      const acked = new Map<string, number>();
      // The sender's live count, as the staff app polls it.
      while (acked.size < SCREENS && Date.now() - sentAt < 15_000) {
        const count = await countAcknowledgements(folderStore(folder), SCHOOL, roster, sender.keyId, id, Date.now());
        const seen = Date.now();
        for (const s of count.shown) if (!acked.has(s.id)) acked.set(s.id, seen - sentAt);
        if (acked.size < SCREENS) await sleep(100);
      }
      for (const s of roster) {
        const shown = shownEvents.find((e) => e.id === s.id && e.alerts.includes(id) && e.at >= sentAt);
        shownMs.push(shown ? shown.at - sentAt : Infinity);
        ackMs.push(acked.get(s.id) ?? Infinity);
      }
      allAckMs.push(Math.max(...roster.map((s) => acked.get(s.id) ?? Infinity)));
      const clearAt = Date.now();
      await sendAlert({ folder, school: SCHOOL, key: sender, seq: ++seq, alert: { ...alert, id: `clear-${round}`, template: 'allClear', sentAt: clearAt } });
      await sleep(1_500);
    }
  } finally {
    for (const child of children) child.send({ type: 'stop' });
  }
  shownMs.sort((a, b) => a - b);
  ackMs.sort((a, b) => a - b);
  allAckMs.sort((a, b) => a - b);
  return [
    { name: `alert: send -> shown, p50 (${SCREENS} screens x ${ALERTS} alerts)`, value: percentile(shownMs, 50), unit: 'ms' },
    { name: 'alert: send -> shown, p99', value: percentile(shownMs, 99), unit: 'ms', target: { op: '<', limit: 2000 } },
    { name: 'alert: send -> acknowledgement seen by the sender, p50', value: percentile(ackMs, 50), unit: 'ms' },
    { name: 'alert: send -> acknowledgement seen by the sender, p99', value: percentile(ackMs, 99), unit: 'ms', target: { op: '<', limit: 2000 } },
    { name: `alert: send -> every screen acknowledged, worst of ${ALERTS}`, value: allAckMs.at(-1)!, unit: 'ms', target: { op: '<', limit: 2000 } },
    { name: 'alert: refusals (none expected)', value: refusals, unit: 'refusals', target: { op: '<=', limit: 0 } },
  ];
}

function bundleFigures(folder: string): Figure[] {
  const now = Date.parse('2026-11-24T06:00:00Z');
  const publisher = newKeyPair();
  const school: Snapshot = generateDemoSchool({ size: 'large', now, zone: ZONE, scope: 'kiosk' });
  const full = sealBundle(school, { school: SCHOOL, seq: 1, now }, publisher);
  const days = new Set(school.lessons.map((l) => l.day)).size;
  // A busy morning's changes: 30 lessons cancelled or given another room.
  const changed = {
    ...school,
    lessons: school.lessons.map((l, i) => (i % Math.floor(school.lessons.length / 30) === 0 ? { ...l, change: { ...l.change, cancelled: true } } : l)),
  };
  const delta = sealBundle(deltaBetween(school, changed, 1)!, { school: SCHOOL, seq: 2, now }, publisher);

  // A day of 150 rooms, verified and applied into a real encrypted cache, as a screen does with each bundle.
  const firstDay = school.lessons[0]!.day;
  const oneDay: Snapshot = { ...school, window: { from: firstDay, to: firstDay }, lessons: school.lessons.filter((l) => l.day === firstDay) };
  const trust = { school: SCHOOL, keys: new Map([[publisher.keyId, { publicKey: publisher.publicKey, kinds: ['bundle'] as const }]]), revoked: new Set<string>() };
  const { db } = openCache({ file: join(folder, 'screen-cache.db'), key: randomBytes(32), log: silentLogger });
  const state: BundleState = { lastSeq: undefined, fullSeq: undefined };
  const times: number[] = [];
  for (let seq = 1; seq <= 25; seq++) {
    const bytes = sealBundle(oneDay, { school: SCHOOL, seq, now }, publisher);
    const t0 = performance.now();
    const result = applyBundle(db, bytes, state, { trust, now });
    const ms = performance.now() - t0;
    if (!result.applied) throw new Error(`the bench bundle was refused: ${result.detail}`);
    if (seq > 5) times.push(ms); // the first few warm the statements and V8
  }
  db.close();
  times.sort((a, b) => a - b);
  return [
    { name: `bundle: largest demo school (${school.rooms.length} rooms, ${days} days), full`, value: full.length / 1024, unit: 'kB' },
    { name: 'bundle: the same, a day', value: full.length / days / 1024, unit: 'kB' },
    { name: 'bundle: a delta of 30 changed lessons', value: delta.length / 1024, unit: 'kB' },
    { name: `bundle: verify and apply a day of ${oneDay.rooms.length} rooms (${oneDay.lessons.length} lessons), p50`, value: percentile(times, 50), unit: 'ms' },
    { name: 'bundle: verify and apply a day, p99 (20 runs)', value: percentile(times, 99), unit: 'ms', target: { op: '<', limit: 50 } },
  ];
}

export async function fleetBench(): Promise<{ title: string; figures: Figure[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'gangbord-fleet-bench-'));
  try {
    const alerts = await alertRound(folder);
    return { title: `Fleet on the folder transport: ${SCREENS} screens in ${PROCESSES} processes, polling every 250 ms`, figures: [...alerts, ...bundleFigures(folder)] };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
