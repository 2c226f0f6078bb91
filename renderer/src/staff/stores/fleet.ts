import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallInput, CallOutput, FleetOverview } from '@shared/contract';
import { type ShownError, shownError, staffCall } from './staffCall';
import type { FleetCommandName } from '@shared/fleet/commands';
import { downloadText } from '../download';

export type AlertDraft = CallInput<'fleet.sendAlert'>;

/** The live count of a sent alert: "43 of 45 screens show it", with the missing named. */
export interface AlertCount {
  alertId: string;
  shown: number;
  total: number;
  missing: string[];
}

/** How long the page follows an alert's acknowledgements, and how often it asks. */
const FOLLOW_MS = 60_000;
const FOLLOW_EVERY_MS = 500;

/**
 * The Screens page (docs/fleet.md): the fleet's screens with their health, the screens waiting to be approved,
 * and emergency alerts with their live count. Every action is audited by the core.
 */
export const useFleetStore = defineStore('staffFleet', () => {
  const overview = ref<FleetOverview | null>(null);
  const busy = ref(false);
  const error = ref<ShownError | null>(null);
  const count = ref<AlertCount | null>(null);
  let follow: ReturnType<typeof setTimeout> | null = null;

  async function act<T>(run: () => ReturnType<typeof staffCall>, done?: (value: T) => void): Promise<boolean> {
    busy.value = true;
    error.value = null;
    const result = await run();
    busy.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return false;
    }
    done?.(result.value as T);
    return true;
  }

  const load = () => act<FleetOverview>(() => staffCall('fleet.overview', {}), (value) => (overview.value = value));

  async function approve(screenId: string, name: string, profile: string | null): Promise<void> {
    if (await act(() => staffCall('fleet.approve', { screenId, name, profile }))) await load();
  }

  async function revoke(screenIds: readonly string[]): Promise<void> {
    for (const screenId of screenIds) if (!(await act(() => staffCall('fleet.revoke', { screenId })))) break;
    await load();
  }

  /** Identify, reload or a new thumbnail; the screens carry it out within seconds. */
  const command = (action: FleetCommandName, screenIds: string[]) => act(() => staffCall('fleet.command', { action, screenIds }));

  async function assignProfile(screenIds: string[], profile: string | null): Promise<void> {
    if (await act(() => staffCall('fleet.assignProfile', { screenIds, profile }))) await load();
  }

  async function addSender(name: string, publicKey: string): Promise<boolean> {
    const ok = await act(() => staffCall('fleet.addSender', { name, publicKey }));
    if (ok) await load();
    return ok;
  }

  async function removeSender(publicKey: string): Promise<void> {
    if (await act(() => staffCall('fleet.removeSender', { publicKey }))) await load();
  }

  /** A CAP 1.2 alert read into an alert draft, for the administrator to check and send; null when refused. */
  async function readCap(input: CallInput<'fleet.readCap'>): Promise<CallOutput<'fleet.readCap'> | null> {
    let read: CallOutput<'fleet.readCap'> | null = null;
    await act<CallOutput<'fleet.readCap'>>(() => staffCall('fleet.readCap', input), (value) => (read = value));
    return read;
  }

  /** The fleet's status as a file for the school's monitoring. */
  async function exportStatus(format: 'csv' | 'json'): Promise<void> {
    await act<{ text: string }>(() => staffCall('fleet.statusExport', { format }), ({ text }) => {
      const day = new Date().toISOString().slice(0, 10);
      downloadText(`gangbord-screens-${day}.${format}`, text, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
    });
  }

  /** The school's audit log on the publisher desk: the staff PCs' entries taken in first, then those asked for. */
  async function schoolAudit(filter: CallInput<'fleet.schoolAudit'>): Promise<CallOutput<'fleet.schoolAudit'> | null> {
    let read: CallOutput<'fleet.schoolAudit'> | null = null;
    await act<CallOutput<'fleet.schoolAudit'>>(() => staffCall('fleet.schoolAudit', filter), (value) => (read = value));
    return read;
  }

  function stopFollowing() {
    if (follow) clearTimeout(follow);
    follow = null;
  }

  /** Sends the alert and follows its acknowledgements until every screen shows it or a minute has passed. */
  async function sendAlert(draft: AlertDraft): Promise<void> {
    stopFollowing();
    count.value = null;
    let alertId = '';
    if (!(await act<{ alertId: string }>(() => staffCall('fleet.sendAlert', draft), (value) => (alertId = value.alertId)))) return;
    const until = Date.now() + FOLLOW_MS;
    const ask = async () => {
      const result = await staffCall('fleet.acknowledgements', { alertId });
      if (result.ok) count.value = { alertId, ...result.value };
      if ((!result.ok || result.value.missing.length > 0) && Date.now() < until) follow = setTimeout(() => void ask(), FOLLOW_EVERY_MS);
    };
    await ask();
  }

  function reset() {
    stopFollowing();
    overview.value = null;
    count.value = null;
    error.value = null;
  }

  return {
    overview,
    busy,
    error,
    count,
    load,
    approve,
    revoke,
    command,
    assignProfile,
    addSender,
    removeSender,
    readCap,
    exportStatus,
    schoolAudit,
    sendAlert,
    stopFollowing,
    reset,
  };
});
