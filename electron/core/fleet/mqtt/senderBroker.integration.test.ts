import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger';
import { memorySecretStore } from '../../secrets/secretStore';
import { useTempDirs } from '../../testing/tempDir';
import { acknowledgements, addSender, approve, type FleetContext, loadRoster, waitingScreens } from '../fleetAdmin';
import { startFleetScreen } from '../fleetScreen';
import { newKeyPair, publicKeyText } from '../keys';
import { fleetFile } from '../store/fleetStore';
import { isMqttStore } from '../store/openFleetStore';
import { mqttStore } from '../store/mqttStore';
import { publisherOnBroker } from '../testing/fleetOnLoopback';
import { publisherUsername } from './brokerCredentials';
import { offerSenderBroker, openSenderStore, senderBrokerHash } from './senderBroker';
import { fleetTopics } from './topics';
import { sendAlert } from '../alertSender';

// An alert sender (a reception PC) on the publisher's embedded broker (docs/fleet-mqtt.md, "Alert senders"): it
// offers its broker password hash in the folder, signed with its key; the administrator adds it by its public key;
// its alert then goes over the broker to a screen, and its count of acknowledgements comes back the same way.
const SCHOOL = 'gangbord-college';
const tempDir = useTempDirs();
const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe('an alert sender on the broker', () => {
  it('gets on with the hash it offered, signed by its own key, sends over the broker and counts the acknowledgement', async () => {
    const log = memoryLogger();
    const ctx: FleetContext = { dataDir: tempDir(), folder: tempDir(), school: SCHOOL, key: newKeyPair(), now: () => Date.now() };
    const onBroker = await publisherOnBroker({ transport: 'embedded', ctx, ownFolder: tempDir(), log });
    stops.push(() => onBroker.stop());
    const mqtt = { url: onBroker.url, prefix: 'gangbord', embedded: false, keepaliveSeconds: 2, board: [] };
    const screen = await startFleetScreen({
      config: { type: 'fleet', folder: ctx.folder, school: SCHOOL, publisherKey: publicKeyText(ctx.key.publicKey), mqtt }, secrets: memorySecretStore(),
      now: () => Date.now(), log, displayGroup: () => null, onAlerts: () => {},
      health: () => ({ version: '0.9.0', profile: null, screenOn: true, dataAsOf: null, lastError: null }),
    });
    stops.push(() => screen.stop());
    await expect.poll(async () => (await waitingScreens(ctx)).length).toBe(1);
    await approve(ctx, screen.screenId, 'Aula', null);
    await expect.poll(() => screen.connected(), { timeout: 10_000 }).toBe(true);

    // Reception: its offer in the share, then added on the desk by its public key.
    const reception = newKeyPair();
    const secrets = memorySecretStore();
    const store = await openSenderStore({ folder: ctx.folder, school: SCHOOL, mqtt, key: reception, secrets, log });
    stops.push(() => store.close());
    // Not yet listed: the broker does not know it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(isMqttStore(store) && store.connected()).toBe(false);
    await addSender(ctx, 'Receptie', publicKeyText(reception.publicKey));
    expect(loadRoster(ctx).senders[0]!.broker).toMatch(/^\$7\$101\$/);
    await expect.poll(() => isMqttStore(store) && store.connected(), { timeout: 10_000 }).toBe(true);

    // Its alert is on the broker (seen there by a client of its own), and the screen's signed acknowledgement comes back.
    const now = Date.now();
    const alert = { id: 'receptie-1', template: 'evacuation' as const, title: 'Ontruiming', text: '', drill: true, audience: [], sentAt: now, expiresAt: now + 600_000 };
    await sendAlert({ folder: ctx.folder, store, school: SCHOOL, key: reception, seq: now, alert });
    const look = mqttStore({ url: onBroker.url, topics: fleetTopics('gangbord', SCHOOL), role: { role: 'publisher' }, username: publisherUsername(SCHOOL), password: onBroker.token, log });
    stops.push(() => look.close());
    await expect.poll(async () => (await look.read(fleetFile.alertOf(reception.keyId)))?.toString().includes('receptie-1') ?? false, { timeout: 5_000 }).toBe(true);
    const senderCtx: FleetContext = { ...ctx, key: reception, store };
    await expect.poll(async () => (await acknowledgements(senderCtx, 'receptie-1', loadRoster(ctx))).shown.map((s) => s.name), { timeout: 10_000 }).toEqual(['Aula']);
  });

  it('takes no hash from an offer its key did not sign, or made for another school', async () => {
    const folder = tempDir();
    const reception = newKeyPair();
    await offerSenderBroker({ folder, school: SCHOOL, key: reception, secrets: memorySecretStore() });
    expect(await senderBrokerHash(folder, SCHOOL, reception.publicKey)).toMatch(/^\$7\$101\$/);
    expect(await senderBrokerHash(folder, 'andere-school', reception.publicKey)).toBeNull();
    // Someone who can write the share puts their own hash in the offer (their token then), keeping the signature.
    const file = join(folder, 'senders', reception.keyId, 'broker.json');
    const offer = JSON.parse(readFileSync(file, 'utf8')) as { broker: string };
    writeFileSync(file, JSON.stringify({ ...offer, broker: offer.broker.replace(/.{4}==$/, 'AAAA==') }));
    expect(await senderBrokerHash(folder, SCHOOL, reception.publicKey)).toBeNull();
  });
});
