import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from './alertMessage';
import { countAcknowledgements, type RosterScreen, sendAlert } from './alertSender';
import type { Trust } from './envelope';
import { fleetPaths } from './fleetFolder';
import { newKeyPair } from './keys';
import { folderStore } from './store/folderStore';
import { type AlertRefusal, createScreenAlerts, type ShownAlert } from './screenAlerts';

const SCHOOL = 'gangbord-college';
const T0 = Date.parse('2026-11-24T09:00:00Z');
const sender = newKeyPair();
const stranger = newKeyPair();

let folder: string;
let now = T0;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'gangbord-fleet-'));
  now = T0;
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const alert = (over: Partial<AlertMessage> = {}): AlertMessage => ({
  id: 'evac-0001', template: 'evacuation', title: 'Ontruiming', text: 'Verlaat het gebouw via de dichtstbijzijnde uitgang.',
  drill: false, audience: [], sentAt: now, expiresAt: now + 3_600_000, ...over,
});

function screen(id: string, group: string | null = null, trusted = [sender]) {
  const key = newKeyPair();
  const shown: ShownAlert[][] = [];
  const refusals: AlertRefusal[] = [];
  const trust = (): Trust => ({ school: SCHOOL, keys: new Map(trusted.map((k) => [k.keyId, { publicKey: k.publicKey, kinds: ['alert'] as const }])), revoked: new Set() });
  const alerts = createScreenAlerts({
    folder, screenId: id, school: SCHOOL, deviceKey: key, trust, displayGroup: () => group, now: () => now,
    onChange: (list) => void shown.push([...list]), onRefusal: (r) => void refusals.push(r),
  });
  const roster: RosterScreen = { id, name: `Scherm ${id}`, keyId: key.keyId, publicKey: key.publicKey };
  return { alerts, shown, refusals, roster, key };
}

describe('emergency alerts over the fleet folder', () => {
  it('shows a signed alert on every screen it is meant for, and the sender counts who shows it', async () => {
    const hall = screen('gang-a0');
    const door = screen('deur-b1', 'deuren');
    const gym = screen('gym-01', 'sport');
    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 1, alert: alert({ audience: ['deuren'] }) });
    for (const s of [hall, door, gym]) await s.alerts.check();
    expect(door.alerts.shown().map((a) => a.alert.title)).toEqual(['Ontruiming']);
    expect(hall.alerts.shown()).toEqual([]);
    expect(gym.alerts.shown()).toEqual([]);
    const count = await countAcknowledgements(folderStore(folder), SCHOOL, [hall.roster, door.roster, gym.roster], sender.keyId, 'evac-0001', now);
    expect(count.shown.map((s) => s.id)).toEqual(['deur-b1']);
    expect(count.missing.map((s) => s.id)).toEqual(['gang-a0', 'gym-01']);
  });

  it('keeps it until the same sender\'s all clear, or until it expires', async () => {
    const hall = screen('gang-a0');
    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 1, alert: alert() });
    await hall.alerts.check();
    expect(hall.alerts.shown()).toHaveLength(1);
    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 2, alert: alert({ id: 'clear-0001', template: 'allClear', title: 'Alles veilig' }) });
    await hall.alerts.check();
    expect(hall.alerts.shown()).toEqual([]);
    expect(hall.shown.at(-1)).toEqual([]);

    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 3, alert: alert({ id: 'lock-0001', template: 'lockdown', expiresAt: now + 60_000 }) });
    await hall.alerts.check();
    expect(hall.alerts.shown()).toHaveLength(1);
    now += 61_000;
    await hall.alerts.check();
    expect(hall.alerts.shown()).toEqual([]);
    expect(hall.shown.at(-1)).toEqual([]);
  });

  it('refuses an alert signed by an unknown key, an expired one and an old one copied back, and keeps what it shows', async () => {
    const hall = screen('gang-a0');
    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 5, alert: alert() });
    await hall.alerts.check();
    const before = hall.alerts.shown();
    const file = fleetPaths(folder).alertOf(sender.keyId);
    const fresh = readFileSync(file);

    // A stranger's alert placed where the sender's file is.
    await sendAlert({ folder, school: SCHOOL, key: stranger, seq: 9, alert: alert({ id: 'fake-0001', title: 'Vals alarm' }) });
    writeFileSync(file, readFileSync(fleetPaths(folder).alertOf(stranger.keyId)));
    rmSync(fleetPaths(folder).alertOf(stranger.keyId));
    await hall.alerts.check();
    // An older, validly signed all clear put back over the newer alert.
    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 4, alert: alert({ id: 'clear-old1', template: 'allClear' }) });
    await hall.alerts.check();
    // An alert that expired before it was read.
    writeFileSync(file, fresh);
    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 6, alert: alert({ id: 'late-0001', expiresAt: now - 1 }) });
    await hall.alerts.check();

    expect(hall.refusals.map((r) => r.refusal)).toEqual(['unknown-key', 'replayed', 'expired']);
    expect(hall.alerts.shown()).toEqual(before);
  });

  it('does not count an acknowledgement written with another screen\'s key', async () => {
    const a = screen('gang-a0');
    const b = screen('gang-b0');
    await sendAlert({ folder, school: SCHOOL, key: sender, seq: 1, alert: alert() });
    await a.alerts.check();
    // Screen a's acknowledgement copied into b's folder: b never showed the alert.
    mkdirSync(join(folder, 'screens', 'gang-b0'), { recursive: true });
    writeFileSync(fleetPaths(folder).ackOf('gang-b0'), readFileSync(fleetPaths(folder).ackOf('gang-a0')));
    const count = await countAcknowledgements(folderStore(folder), SCHOOL, [a.roster, b.roster], sender.keyId, 'evac-0001', now);
    expect(count.shown.map((s) => s.id)).toEqual(['gang-a0']);
    expect(count.missing.map((s) => s.id)).toEqual(['gang-b0']);
    expect(count.refused).toEqual([{ id: 'gang-b0', refusal: 'unknown-key' }]);
  });
});
