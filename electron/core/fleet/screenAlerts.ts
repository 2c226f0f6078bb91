import { type AlertAck, AlertMessage, alertIsFor } from './alertMessage';
import { bodyJson, openEnvelope, type Refusal, sealEnvelope, type Trust } from './envelope';
import { fleetFile, type FleetStore } from './store/fleetStore';
import { storeFor } from './store/folderStore';
import type { FleetKeyPair } from './keys';

/*
 * A screen's side of emergency alerts (docs/fleet.md): it looks at pub/alerts/ every `pollMs` (network shares
 * often send no change events, and a stat of a few small files is cheap), opens each new file as a signed alert,
 * shows what holds, and acknowledges it, signed with its own key, in screens/<id>/ack.env. Over a broker the alert is
 * pushed: `wake` looks at once instead of at the next tick.
 */

export interface ShownAlert {
  sender: string;
  alert: AlertMessage;
  shownAt: number;
}

export interface AlertRefusal {
  file: string;
  refusal: Refusal;
  detail: string;
  at: number;
}

export interface ScreenAlertsOptions {
  folder: string;
  store?: FleetStore;
  screenId: string;
  school: string;
  deviceKey: FleetKeyPair;
  /** The publisher's key and the senders the roster lists: who may send this screen an alert. */
  trust: () => Trust;
  displayGroup: () => string | null;
  now: () => number;
  /** The alerts to show changed (one came, one was cleared or expired). */
  onChange: (alerts: readonly ShownAlert[]) => void;
  onRefusal: (refusal: AlertRefusal) => void;
  /** The folder could not be read (a share gone); the screen keeps what it shows. */
  onFolderError?: (error: Error) => void;
  pollMs?: number;
}

interface SenderState {
  /** What the file was when last read (inode, size, change time): unchanged files are not read again. */
  seen: string;
  lastSeq: number | undefined;
  current: ShownAlert | null;
}

export function createScreenAlerts(options: ScreenAlertsOptions) {
  const store = storeFor(options);
  const senders = new Map<string, SenderState>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let checking = false;
  let woken = false;
  let ackSeq = 0;
  let shownKey = '';

  const shown = (): ShownAlert[] => [...senders.values()]
    .map((s) => s.current)
    .filter((s): s is ShownAlert => s !== null && s.alert.expiresAt > options.now())
    .sort((a, b) => a.shownAt - b.shownAt);

  async function readOne(name: string): Promise<boolean> {
    const file = `${fleetFile.alerts}/${name}`;
    const stamp = await store.stamp(file).catch(() => '');
    if (!stamp) return false;
    const sender = name.slice(0, -'.env'.length);
    const state = senders.get(sender) ?? { seen: '', lastSeq: undefined, current: null };
    senders.set(sender, state);
    if (state.seen === stamp) return false;
    const now = options.now();
    const bytes = await store.read(file, (b) => openEnvelope(b, { trust: options.trust(), kind: 'alert', now }).ok);
    if (!bytes) return false;
    state.seen = stamp;
    const opened = openEnvelope(bytes, { trust: options.trust(), kind: 'alert', now, lastSeq: state.lastSeq });
    if (!opened.ok) {
      options.onRefusal({ file: `pub/alerts/${name}`, refusal: opened.refusal, detail: opened.detail, at: now });
      return false;
    }
    const parsed = AlertMessage.safeParse(bodyJson(opened.body));
    if (!parsed.success || opened.header.keyId !== sender) {
      options.onRefusal({ file: `pub/alerts/${name}`, refusal: 'malformed', detail: 'not an alert from this sender', at: now });
      return false;
    }
    state.lastSeq = opened.header.seq;
    const alert = parsed.data;
    state.current = alert.template === 'allClear' || !alertIsFor(alert, options.displayGroup()) ? null : { sender, alert, shownAt: now };
    return true;
  }

  async function acknowledge(alerts: readonly ShownAlert[]): Promise<void> {
    const now = options.now();
    ackSeq = Math.max(ackSeq + 1, now);
    const body: AlertAck = { screen: options.screenId, alerts: alerts.map((a) => ({ sender: a.sender, id: a.alert.id, shownAt: a.shownAt })) };
    const envelope = sealEnvelope({
      kind: 'ack', school: options.school, seq: ackSeq, issuedAt: now, notAfter: now + 24 * 3_600_000, body: Buffer.from(JSON.stringify(body)),
    }, options.deviceKey);
    await store.write(fleetFile.ackOf(options.screenId), envelope);
  }

  /** One look at the folder: new alerts shown and acknowledged, cleared and expired ones taken down. */
  async function check(): Promise<void> {
    let changed = false;
    for (const name of await store.list(fleetFile.alerts)) if (await readOne(name)) changed = true;
    const now = shown();
    const key = now.map((a) => `${a.sender}/${a.alert.id}`).join(',');
    if (!changed && key === shownKey) return;
    shownKey = key;
    options.onChange(now);
    await acknowledge(now);
  }

  function loop() {
    if (!running) return;
    checking = true;
    woken = false;
    check()
      // An unreachable share is no refusal: the screen keeps what it shows and looks again.
      .catch((error: Error) => options.onFolderError?.(error))
      .finally(() => {
        checking = false;
        // A push that came while looking is looked at straight away, not a tick later.
        if (running) timer = setTimeout(loop, woken ? 0 : options.pollMs ?? 250);
      });
  }

  return {
    check,
    shown,
    start() {
      if (running) return;
      running = true;
      loop();
    },
    /** An alert was pushed: look now. */
    wake() {
      if (!running) return;
      if (checking) return void (woken = true);
      if (timer) clearTimeout(timer);
      loop();
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export type ScreenAlerts = ReturnType<typeof createScreenAlerts>;
