import { publicKeyFromText, publicKeyText, newKeyPair } from '../electron/core/fleet/keys';
import { createScreenAlerts } from '../electron/core/fleet/screenAlerts';

// One process of simulated screens for `npm run bench -- fleet` (fleetBench.ts): each screen has its own device key
// and looks at the fleet folder as a kiosk does; the processes share nothing with the sender but that folder.

const folder = process.env.FLEET_FOLDER!;
const school = process.env.FLEET_SCHOOL!;
const prefix = process.env.FLEET_PREFIX!;
const count = Number(process.env.FLEET_COUNT);
const pollMs = Number(process.env.FLEET_POLL_MS ?? 250);
const sender = publicKeyFromText(process.env.FLEET_SENDER!);
const senderId = process.env.FLEET_SENDER_ID!;
const trust = { school, keys: new Map([[senderId, { publicKey: sender, kinds: ['alert'] as const }]]), revoked: new Set<string>() };

const screens = Array.from({ length: count }, (_, i) => {
  const id = `${prefix}-${String(i).padStart(3, '0')}`;
  const deviceKey = newKeyPair();
  const alerts = createScreenAlerts({
    folder, screenId: id, school, deviceKey, trust: () => trust, displayGroup: () => null, now: () => Date.now(), pollMs,
    onChange: (shown) => process.send!({ type: 'shown', id, alerts: shown.map((a) => a.alert.id), at: Date.now() }),
    onRefusal: (r) => process.send!({ type: 'refused', id, refusal: r.refusal, detail: r.detail }),
  });
  return { id, deviceKey, alerts };
});

process.send!({ type: 'ready', screens: screens.map((s) => ({ id: s.id, key: publicKeyText(s.deviceKey.publicKey) })) });
process.on('message', (message: { type: string }) => {
  if (message.type === 'start') {
    // Spread over one poll interval, as screens switched on at different moments are.
    screens.forEach((s, i) => setTimeout(() => s.alerts.start(), (i * pollMs) / count));
  }
  if (message.type === 'stop') {
    for (const s of screens) s.alerts.stop();
    process.exit(0);
  }
});
