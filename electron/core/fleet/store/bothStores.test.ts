import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger';
import { useTempDirs } from '../../testing/tempDir';
import { openEnvelope, sealEnvelope, type Trust } from '../envelope';
import { newKeyPair } from '../keys';
import { type EmbeddedBroker, startEmbeddedBroker } from '../mqtt/embeddedBroker';
import { mosquittoPasswordHash } from '../mqtt/mosquittoConfig';
import { type FleetRole, fleetTopics } from '../mqtt/topics';
import { bothStores } from './bothStores';
import { fleetFile, headerSeq } from './fleetStore';
import { folderStore } from './folderStore';
import { type MqttStore, mqttStore } from './mqttStore';

// The fleet's stores on loopback (docs/fleet-mqtt.md): real mqtt.js clients on the embedded broker and a real folder.
// A file written once reaches a reader by push, a late reader by the retained copy, and with the broker away the
// folder carries it; the publisher puts back on a restarted broker what it lost.
const SCHOOL = 'gangbord-college';
const topics = fleetTopics('gangbord', SCHOOL);
const tempDir = useTempDirs();
const publisherKey = newKeyPair();
const SCREEN = 'scherm-aaaaaaaaaa';
const users = new Map<string, { role: FleetRole; token: string; hash: string }>();
for (const [name, role] of [['publisher-gangbord-college', { role: 'publisher' }], [SCREEN, { role: 'screen', screenId: SCREEN }]] as const) {
  const token = randomBytes(32).toString('base64url');
  users.set(name, { role, token, hash: mosquittoPasswordHash(token) });
}
let broker: EmbeddedBroker | null = null;
const open: MqttStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await broker?.close();
  broker = null;
});

const startBroker = async (port = 0) => (broker = await startEmbeddedBroker({
  host: '127.0.0.1', port, topics, log: memoryLogger(),
  credential: (username) => {
    const user = users.get(username);
    return user ? { role: user.role, passwordHash: user.hash } : null;
  },
}));

function client(username: string, port: number): MqttStore {
  const user = users.get(username)!;
  const store = mqttStore({ url: `mqtt://127.0.0.1:${port}`, topics, role: user.role, username, password: user.token, log: memoryLogger(), reconnectMs: 200 });
  open.push(store);
  return store;
}

const alert = (seq: number) => sealEnvelope({ kind: 'alert', school: SCHOOL, seq, issuedAt: seq, notAfter: seq + 60_000, body: Buffer.from(`{"n":${seq}}`) }, publisherKey);
const alertFile = fleetFile.alertOf(publisherKey.keyId);
const trust: Trust = { school: SCHOOL, keys: new Map([[publisherKey.keyId, { publicKey: publisherKey.publicKey, kinds: ['alert'] }]]), revoked: new Set() };
const until = async (what: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the fleet over a broker', () => {
  it('pushes a file to a screen as it is written, and gives a screen that connects later the retained copy', async () => {
    const { port } = await startBroker();
    const publisher = client('publisher-gangbord-college', port);
    expect(await publisher.ready()).toBe(true);
    await publisher.write(fleetFile.roster, alert(1));

    const screen = client(SCREEN, port);
    expect(await screen.ready()).toBe(true);
    expect(headerSeq(await screen.read(fleetFile.roster))).toBe(1);

    const pushed: string[] = [];
    screen.watch((file) => pushed.push(file));
    const sent = performance.now();
    await publisher.write(alertFile, alert(2));
    await until(() => pushed.includes(alertFile));
    expect(performance.now() - sent).toBeLessThan(2_000);
    expect(await screen.list(fleetFile.alerts)).toEqual([`${publisherKey.keyId}.env`]);
    expect(headerSeq(await screen.read(alertFile))).toBe(2);
    // A file without a topic is not the broker's: it is refused, not silently dropped.
    await expect(publisher.write('screens/scherm-aaaaaaaaaa/request.json', Buffer.from('{}'))).rejects.toThrow(/does not travel over MQTT/);
  });

  it('with the broker away the folder carries an alert, and the publisher puts it back on the broker when it returns', async () => {
    const { port } = await startBroker();
    const folder = tempDir();
    const publisher = bothStores(client('publisher-gangbord-college', port), folderStore(folder), { ownFiles: async () => [fleetFile.roster, alertFile] });
    const screen = bothStores(client(SCREEN, port), folderStore(folder));
    await Promise.all([publisher.ready(), screen.ready()]);
    await publisher.write(fleetFile.roster, alert(10));
    await publisher.write(alertFile, alert(11));
    await until(async () => headerSeq(await screen.read(alertFile)) === 11);

    await broker!.close();
    await until(() => !publisher.connected() && !screen.connected());
    // Written while the broker is down: the folder has it, and the screen reads the newer of the two copies.
    await publisher.write(alertFile, alert(12));
    expect(headerSeq(await screen.read(alertFile))).toBe(12);

    // The broker comes back with nothing retained (an embedded broker keeps nothing over a restart): the publisher
    // publishes again what the folder has newer than the broker, so a screen with no folder at all gets all of it.
    await startBroker(port);
    const late = client(SCREEN, port);
    await until(async () => headerSeq(await late.read(alertFile)) === 12 && headerSeq(await late.read(fleetFile.roster)) === 10, 10_000);
    expect(publisher.connected()).toBe(true);
  });

  it('keeps a forged copy with a higher number in the folder from hiding the genuine one on the broker', async () => {
    const { port } = await startBroker();
    const folder = tempDir();
    const publisher = bothStores(client('publisher-gangbord-college', port), folderStore(folder));
    const screen = bothStores(client(SCREEN, port), folderStore(folder));
    await Promise.all([publisher.ready(), screen.ready()]);
    await publisher.write(alertFile, alert(20));
    await until(async () => headerSeq(await screen.read(alertFile)) === 20);
    // Someone who can write the share puts a "newer" alert there, signed with another key.
    const forger = newKeyPair();
    await folderStore(folder).write(alertFile, sealEnvelope({ kind: 'alert', school: SCHOOL, seq: 99, issuedAt: 99, notAfter: 60_099, body: Buffer.from('{"n":99}') }, forger));
    const signedByPublisher = (bytes: Buffer) => openEnvelope(bytes, { trust, kind: 'alert', now: 30 }).ok;
    // Unchecked, the higher number wins; a reader that checks gets the publisher's own.
    expect(headerSeq(await screen.read(alertFile))).toBe(99);
    expect(headerSeq(await screen.read(alertFile, signedByPublisher))).toBe(20);
  });
});
