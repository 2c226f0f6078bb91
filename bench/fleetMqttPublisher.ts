import { AlertAck, type AlertMessage } from '../electron/core/fleet/alertMessage';
import { sendAlert } from '../electron/core/fleet/alertSender';
import { bodyJson, openEnvelope } from '../electron/core/fleet/envelope';
import { keyIdOf, keyPairFromPem, publicKeyFromText } from '../electron/core/fleet/keys';
import { fleetTopics } from '../electron/core/fleet/mqtt/topics';
import { fleetFile } from '../electron/core/fleet/store/fleetStore';
import { mqttStore } from '../electron/core/fleet/store/mqttStore';
import { silentLogger } from '../electron/core/logger';

// The publisher for `npm run bench -- fleet-mqtt` (fleetMqttBench.ts), in a process of its own so that its memory and
// CPU are its own: the fleet's real MQTT store (subscribed to the whole school, as the publisher desk is), alerts sent
// with the fleet's alert sender, and each screen's acknowledgement opened with that screen's key as it is pushed.

const school = process.env.FLEET_SCHOOL!;
const key = keyPairFromPem(process.env.FLEET_PUBLISHER_PEM!);
let screens = new Map<string, ReturnType<typeof publicKeyFromText>>();
const store = mqttStore({
  url: process.env.FLEET_URL!, topics: fleetTopics('gangbord', school), role: { role: 'publisher' }, username: 'centrale-pc',
  password: process.env.FLEET_TOKEN!, log: silentLogger,
});
let current = '';
let sentAt = 0;
let refused = 0;
const acks = new Map<string, number>();

// Only the acknowledgement files: statuses and presence are kept by the store and read when the Screens page asks.
store.watch((file) => {
  if (!current || !file.startsWith('screens/') || !file.endsWith('/ack.env')) return;
  const id = file.split('/')[1]!;
  const publicKey = screens.get(id);
  if (!publicKey || acks.has(id)) return;
  void store.read(file).then((bytes) => {
    if (!bytes) return;
    const opened = openEnvelope(bytes, { trust: { school, keys: new Map([[keyIdOf(publicKey), { publicKey, kinds: ['ack'] }]]), revoked: new Set() }, kind: 'ack', now: Date.now() });
    const ack = opened.ok ? AlertAck.safeParse(bodyJson(opened.body)) : null;
    if (!ack?.success) return void refused++;
    if (ack.data.alerts.some((a) => a.id === current) && !acks.has(id)) acks.set(id, Date.now() - sentAt);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let seq = 0;
async function send(alert: AlertMessage) {
  await sendAlert({ folder: '/nonexistent', store, school, key, seq: ++seq, alert });
}

process.on('message', async (message: { type: string; screens?: Record<string, string>; round?: number }) => {
  if (message.type === 'screens') {
    screens = new Map(Object.entries(message.screens!).map(([id, text]) => [id, publicKeyFromText(text)]));
    await store.ready(30_000);
    process.send!({ type: 'ready' });
  }
  if (message.type === 'alert') {
    acks.clear();
    current = `bench-${message.round}`;
    sentAt = Date.now();
    await send({ id: current, template: 'evacuation', title: 'Ontruiming', text: 'Verlaat het gebouw.', drill: true, audience: [], sentAt, expiresAt: sentAt + 600_000 });
    while (acks.size < screens.size && Date.now() - sentAt < 15_000) await sleep(5);
    const ackMs = [...screens.keys()].map((id) => acks.get(id) ?? null);
    current = '';
    const now = Date.now();
    await send({ id: `clear-${message.round}`, template: 'allClear', title: 'Alles veilig', text: '', drill: true, audience: [], sentAt: now, expiresAt: now + 600_000 });
    process.send!({ type: 'acks', ackMs, refused });
  }
  if (message.type === 'offline') {
    // Which screens the broker says went away (their Last Wills), as the Screens page reads them.
    const offline = (await Promise.all([...screens.keys()].map(async (id) => ((await store.read(fleetFile.presenceOf(id)))?.toString() === 'offline' ? id : null)))).filter(Boolean);
    process.send!({ type: 'offline', offline });
  }
  if (message.type === 'stop') {
    await store.close();
    process.exit(0);
  }
});
process.send!({ type: 'started' });
