import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallError, ConnectionTest } from '@shared/contract';
import type { SyncStatus } from '@shared/contract/sync';
import type { SourceConfig } from '@shared/settings';
import { api } from '../../api';
import { namesForTyped, zermeloTokenName } from '../sources/secretNames';
import {
  checkDraft, draftFingerprint, draftFrom, emptyDraft, emptyFeed, type FeedDraft, portalName, type Problems,
  type SecretDraft, type SourceDraft, type SourceType, toConfig, toSavedConfig,
} from '../sources/sourceDraft';
import { schemaProblems } from '../sources/schemaCheck';
import { type ShownError, shownError, staffCall } from './staffCall';

export type SourcesBusy = 'load' | 'test' | 'save' | 'link' | 'sync' | null;
export type SourcesNotice = 'saved' | 'linked' | 'syncStarted' | null;

/** An error of a call about the source, in words for that call; the core's message says what went wrong. */
function sourceError(error: CallError, key: string): ShownError {
  const shown = shownError(error);
  if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') return shown;
  return { key, detail: error.message };
}

/**
 * An administrator's data source: the saved configuration and its sync status (kept current by `sync.status`
 * events while the view follows them), the form being edited, a connection test, linking with Zermelo.
 * Credentials typed into the form are stored through `sources.setSecret` before a test or a save and then
 * forgotten; the page only ever knows which names are set.
 */
export const useSourcesStore = defineStore('staffSources', () => {
  const saved = ref<SourceConfig | null>(null);
  const secretsSet = ref<string[]>([]);
  const status = ref<SyncStatus | null>(null);
  const loaded = ref(false);
  const draft = ref<SourceDraft>(emptyDraft());
  const baseline = ref(draftFingerprint(draft.value));
  const koppelcode = ref('');
  const problems = ref<Problems>({});
  const busy = ref<SourcesBusy>(null);
  const error = ref<ShownError | null>(null);
  const notice = ref<SourcesNotice>(null);
  /** What the shown error or notice is about, so the page can put it where that action was taken. */
  const lastAction = ref<SourcesBusy>(null);
  const testResult = ref<ConnectionTest | null>(null);
  /** The configuration the shown test result was for. */
  const testedFingerprint = ref<string | null>(null);
  let unfollow: (() => void) | null = null;
  /** Counts pushed statuses: an answer asked for before the latest push is older than it and must not replace it. */
  let pushes = 0;
  /** A save that came while a sync of the old source ran: that run ignored it, so one more follows. */
  let rerunWhenIdle = false;

  const changed = computed(() => draftFingerprint(draft.value) !== baseline.value);
  const running = computed(() => status.value?.state === 'running');
  /** The shown test result still describes the form (nothing was changed after the test). */
  const testIsCurrent = computed(() => testedFingerprint.value === draftFingerprint(draft.value));
  const isSet = (name: string | null) => name !== null && secretsSet.value.includes(name);

  /** A status that came as the answer to a call, asked for when `pushesBefore` statuses had been pushed. */
  function answered(next: SyncStatus, pushesBefore: number) {
    if (pushes === pushesBefore) status.value = next;
  }

  function setDraft(next: SourceDraft) {
    draft.value = next;
    baseline.value = draftFingerprint(next);
  }

  function begin(what: Exclude<SourcesBusy, null>): boolean {
    if (busy.value) return false;
    busy.value = what;
    lastAction.value = what;
    error.value = null;
    notice.value = null;
    return true;
  }

  /** The form was not sent: what was said before no longer applies. */
  function refuse(what: Exclude<SourcesBusy, null>): false {
    lastAction.value = what;
    error.value = null;
    notice.value = null;
    return false;
  }

  async function load(): Promise<void> {
    if (!begin('load')) return;
    try {
      const before = pushes;
      const result = await staffCall('sources.get', {});
      if (!result.ok) {
        error.value = sourceError(result.error, 'sources.errors.load');
        return;
      }
      saved.value = result.value.source;
      secretsSet.value = result.value.secretsSet;
      answered(result.value.status, before);
      setDraft(draftFrom(result.value.source));
      loaded.value = true;
    } finally {
      busy.value = null;
    }
  }

  /** Listens to sync status pushes until `unfollowStatus` (the view follows while it is open). */
  function followStatus(): void {
    unfollow ??= api.on('sync.status', (next) => {
      pushes++;
      status.value = next;
      if (rerunWhenIdle && next.state !== 'running') {
        rerunWhenIdle = false;
        void startSync(false);
      }
    });
  }

  function unfollowStatus(): void {
    unfollow?.();
    unfollow = null;
  }

  function chooseType(type: SourceType): void {
    draft.value.type = type;
    problems.value = {};
  }

  function addFeed(): FeedDraft {
    const feed = emptyFeed();
    draft.value.ical.feeds.push(feed);
    return feed;
  }

  function removeFeed(key: number): void {
    const feeds = draft.value.ical.feeds;
    if (feeds.length <= 1) return;
    draft.value.ical.feeds = feeds.filter((f) => f.key !== key);
    const prefix = `ical.feeds.${key}.`;
    problems.value = Object.fromEntries(Object.entries(problems.value).filter(([path]) => !path.startsWith(prefix)));
  }

  /**
   * Checks the form: its own checks first (they say most precisely what to type), then the shared schema the core
   * parses on save, so the form never lets through what the save refuses. The view then focuses the first problem.
   */
  function check(): boolean {
    const own = checkDraft(draft.value, secretsSet.value);
    problems.value = Object.keys(own).length > 0 ? own : schemaProblems(draft.value);
    return Object.keys(problems.value).length === 0;
  }

  /** Stores what was typed into credential fields, under names the saved source does not use; then forgets it. */
  async function storeTypedSecrets(): Promise<boolean> {
    for (const [field, name] of namesForTyped(draft.value, saved.value)) {
      const result = await staffCall('sources.setSecret', { name, value: field.secret.value.trim() });
      if (!result.ok) {
        error.value = sourceError(result.error, 'sources.errors.secret');
        return false;
      }
      field.secret.name = name;
      field.secret.value = '';
      if (!secretsSet.value.includes(name)) secretsSet.value = [...secretsSet.value, name].sort();
    }
    return true;
  }

  /**
   * The source as the form has it, with what was typed into credential fields passed along for the test only: the
   * names are the ones Save would store them under, and nothing is stored (Cancel leaves the stored secrets as they were).
   */
  function forTest(): { source: SourceConfig; typedSecrets: Record<string, string> } {
    const typedSecrets: Record<string, string> = {};
    const put: [SecretDraft, string | null][] = [];
    for (const [field, name] of namesForTyped(draft.value, saved.value)) {
      typedSecrets[name] = field.secret.value.trim();
      put.push([field.secret, field.secret.name]);
      field.secret.name = name;
    }
    try {
      return { source: toConfig(draft.value), typedSecrets };
    } finally {
      for (const [secret, name] of put) secret.name = name;
    }
  }

  async function test(): Promise<void> {
    if (!check()) return void refuse('test');
    if (!begin('test')) return;
    testResult.value = null;
    try {
      const result = await staffCall('sources.test', forTest());
      if (!result.ok) {
        error.value = sourceError(result.error, result.error.code === 'INVALID_INPUT' ? 'sources.errors.refused' : 'sources.errors.test');
        return;
      }
      testResult.value = result.value;
      testedFingerprint.value = draftFingerprint(draft.value);
    } finally {
      busy.value = null;
    }
  }

  async function save(): Promise<boolean> {
    if (!check()) return refuse('save');
    if (!begin('save')) return false;
    try {
      if (!(await storeTypedSecrets())) return false;
      const wasRunning = running.value;
      const result = await staffCall('sources.set', { source: toSavedConfig(draft.value) });
      if (!result.ok) {
        error.value = sourceError(result.error, result.error.code === 'INVALID_INPUT' ? 'sources.errors.refused' : 'sources.errors.save');
        return false;
      }
      saved.value = result.value.source;
      const tested = testedFingerprint.value === draftFingerprint(draft.value);
      setDraft(draftFrom(result.value.source));
      if (tested) testedFingerprint.value = baseline.value;
      rerunWhenIdle = wasRunning;
      notice.value = 'saved';
      // The sync the save started is already under way: its status and the credential names, as they are now
      // (unless a pushed status overtook this answer: a small feed syncs in less time than a round trip).
      const before = pushes;
      const fresh = await staffCall('sources.get', {});
      if (fresh.ok) {
        secretsSet.value = fresh.value.secretsSet;
        answered(fresh.value.status, before);
      }
      return true;
    } finally {
      busy.value = null;
    }
  }

  /** Links with the Zermelo portal named in the form; the token goes to a name the saved source does not use. */
  async function link(): Promise<boolean> {
    const z = draft.value.zermelo;
    const portal = z.baseUrl.trim() || portalName(z.portal);
    const next: Problems = {};
    if (portal === '') next['zermelo.portal'] = { key: 'required' };
    if (koppelcode.value.replace(/\s+/g, '').length < 4) next['zermelo.koppelcode'] = { key: 'koppelcode' };
    problems.value = next;
    if (Object.keys(next).length > 0) return refuse('link');
    if (!begin('link')) return false;
    try {
      const token = zermeloTokenName(draft.value, saved.value);
      const result = await staffCall('sources.linkZermelo', { portal, koppelcode: koppelcode.value.trim(), token });
      if (!result.ok) {
        error.value = sourceError(result.error, result.error.code === 'INVALID_INPUT' ? 'sources.errors.refused' : 'sources.errors.link');
        return false;
      }
      z.token = token;
      koppelcode.value = '';
      if (!secretsSet.value.includes(token)) secretsSet.value = [...secretsSet.value, token].sort();
      notice.value = 'linked';
      return true;
    } finally {
      busy.value = null;
    }
  }

  async function startSync(announce = true): Promise<void> {
    if (announce && !begin('sync')) return;
    try {
      const before = pushes;
      const result = await staffCall('sync.runNow', {});
      if (!result.ok) {
        error.value = sourceError(result.error, 'sources.errors.sync');
        return;
      }
      answered(result.value, before);
      if (announce) notice.value = 'syncStarted';
    } finally {
      if (announce) busy.value = null;
    }
  }

  /** Back to the saved configuration, dropping what was typed. */
  function revert(): void {
    setDraft(draftFrom(saved.value));
    problems.value = {};
    koppelcode.value = '';
  }

  function $reset() {
    unfollowStatus();
    rerunWhenIdle = false;
    saved.value = null;
    secretsSet.value = [];
    status.value = null;
    loaded.value = false;
    setDraft(emptyDraft());
    koppelcode.value = '';
    problems.value = {};
    busy.value = null;
    error.value = null;
    notice.value = null;
    lastAction.value = null;
    testResult.value = null;
    testedFingerprint.value = null;
  }

  return {
    saved, secretsSet, status, loaded, draft, baseline, koppelcode, problems, busy, error, notice, lastAction, testResult, testedFingerprint,
    changed, running, testIsCurrent, isSet, load, followStatus, unfollowStatus, chooseType, addFeed, removeFeed, check, test, save, link,
    startSync, revert, $reset,
  };
});
