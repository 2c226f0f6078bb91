import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallInput } from '@shared/contract';
import type { StaffAccount } from '@shared/domain/staff';
import { type ShownError, shownError, staffCall } from './staffCall';

export type NewAccount = CallInput<'accounts.create'>;
export type AccountChange = Omit<CallInput<'accounts.update'>, 'id'>;

/** What the last action did, for a line the page reads out (role="status"). */
export type AccountsNotice =
  | { kind: 'created'; username: string }
  | { kind: 'updated'; username: string }
  | { kind: 'fromUpstream'; count: number }
  | { kind: 'bulk'; count: number };

/** Administrators' view of staff accounts: list, create, change (password, authenticator, disabled). */
export const useAccountsStore = defineStore('staffAccounts', () => {
  const accounts = ref<StaffAccount[]>([]);
  const loading = ref(false);
  const busy = ref(false);
  const error = ref<ShownError | null>(null);
  const notice = ref<AccountsNotice | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    const result = await staffCall('accounts.list', {});
    loading.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    accounts.value = result.value;
  }

  async function act<T>(
    work: () => Promise<{ ok: true; value: T } | { ok: false; error: ShownError }>,
    onDone: (value: T) => AccountsNotice,
  ): Promise<boolean> {
    busy.value = true;
    error.value = null;
    notice.value = null;
    const outcome = await work();
    busy.value = false;
    if (!outcome.ok) {
      error.value = outcome.error;
      return false;
    }
    notice.value = onDone(outcome.value);
    await load();
    return true;
  }

  const wrap = async <T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: Parameters<typeof shownError>[0] }>) => {
    const result = await promise;
    return result.ok ? result : { ok: false as const, error: shownError(result.error) };
  };

  const create = (input: NewAccount) => act(() => wrap(staffCall('accounts.create', input)), (a) => ({ kind: 'created', username: a.username }));
  const update = (id: number, change: AccountChange) =>
    act(() => wrap(staffCall('accounts.update', { id, ...change })), (a) => ({ kind: 'updated', username: a.username }));
  const bulkUpdate = (ids: number[], change: { role?: 'teacher' | 'admin'; disabled?: boolean }) =>
    act(() => wrap(staffCall('accounts.bulkUpdate', { ids, ...change })), (r) => ({ kind: 'bulk', count: r.changed }));
  const fromUpstream = () => act(() => wrap(staffCall('accounts.fromUpstream', {})), (r) => ({ kind: 'fromUpstream', count: r.created }));

  function $reset() {
    accounts.value = [];
    loading.value = false;
    busy.value = false;
    error.value = null;
    notice.value = null;
  }

  return { accounts, loading, busy, error, notice, load, create, update, bulkUpdate, fromUpstream, $reset };
});
