import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '@shared/settings';
import { setApi } from '../../api';
import { FakeTransport } from '../../testing/fakeTransport';
import { syncStatus } from '../testing/staffBuilders';
import { useSourcesStore } from './sources';

const WEBUNTIS: SourceConfig = { type: 'webuntis', server: 'nessa.webuntis.com', school: 'demo', username: 'gangbord', password: 'webuntis.password', weeks: 2 };

describe('useSourcesStore', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    setActivePinia(createPinia());
    fake = new FakeTransport()
      .respond('sources.get', { source: null, secretsSet: [], status: syncStatus() })
      .respond('sources.setSecret', {})
      .respond('sources.set', (input) => ({ ok: true, value: { source: (input.source ?? null) as SourceConfig | null } }))
      .respond('sources.test', { ok: true, steps: [{ step: 'Fetched from the source', ok: true, detail: 'The source answered.', code: 'fetched', subject: null }] })
      .respond('sync.runNow', syncStatus({ state: 'running', progress: { phase: 'start', done: 0, total: 0 } }));
    setApi(fake);
  });
  afterEach(() => setApi(null));

  it('loads the saved source into the form, with its status and which credentials are set', async () => {
    fake.respond('sources.get', { source: WEBUNTIS, secretsSet: ['webuntis.password'], status: syncStatus({ source: 'webuntis:nessa.webuntis.com/demo' }) });
    const store = useSourcesStore();
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.draft.type).toBe('webuntis');
    expect(store.draft.webuntis.server).toBe('nessa.webuntis.com');
    expect(store.isSet('webuntis.password')).toBe(true);
    expect(store.status?.source).toBe('webuntis:nessa.webuntis.com/demo');
    expect(store.changed).toBe(false);
    store.draft.webuntis.username = 'iemand';
    expect(store.changed).toBe(true);
    store.revert();
    expect(store.draft.webuntis.username).toBe('gangbord');
  });

  it('follows the sync status pushed by the core until reset', async () => {
    const store = useSourcesStore();
    store.followStatus();
    await store.load();
    fake.emit('sync.status', syncStatus({ state: 'running', progress: { phase: 'write', done: 3, total: 10 } }));
    expect(store.status?.progress).toEqual({ phase: 'write', done: 3, total: 10 });
    expect(fake.listenerCount('sync.status')).toBe(1);
    store.$reset();
    expect(fake.listenerCount('sync.status')).toBe(0);
    expect(store.status).toBeNull();
  });

  it('tests with a typed password without storing it: only Save stores, so Cancel leaves the stored one as it was', async () => {
    fake.respond('sources.get', { source: WEBUNTIS, secretsSet: ['webuntis.password'], status: syncStatus() });
    const store = useSourcesStore();
    await store.load();
    store.draft.webuntis.password.value = 'nieuw-geheim';
    await store.test();
    // Nothing stored; the test gets the typed password for this once, under the name Save would give it (the saved
    // source's own password is left alone).
    expect(fake.callsOf('sources.setSecret')).toEqual([]);
    expect(fake.callsOf('sources.test')).toEqual([{ source: { ...WEBUNTIS, password: 'webuntis.password-2' }, typedSecrets: { 'webuntis.password-2': 'nieuw-geheim' } }]);
    expect(store.draft.webuntis.password).toEqual({ name: 'webuntis.password', value: 'nieuw-geheim' });
    expect(store.testResult?.ok).toBe(true);
    expect(store.testIsCurrent).toBe(true);
    store.draft.webuntis.weeks = 3;
    expect(store.testIsCurrent).toBe(false);
    // Save is what stores it.
    expect(await store.save()).toBe(true);
    expect(fake.callsOf('sources.setSecret')).toEqual([{ name: 'webuntis.password-2', value: 'nieuw-geheim' }]);
  });

  it('refuses to test or save a form with problems, without calling the core', async () => {
    const store = useSourcesStore();
    await store.load();
    store.chooseType('ical');
    await store.test();
    expect(await store.save()).toBe(false);
    expect(Object.keys(store.problems)).toEqual([`ical.feeds.${store.draft.ical.feeds[0]!.key}.name`, `ical.feeds.${store.draft.ical.feeds[0]!.key}.url`]);
    expect(fake.callsOf('sources.test')).toEqual([]);
    expect(fake.callsOf('sources.set')).toEqual([]);
    store.chooseType('demo');
    expect(store.problems).toEqual({});
  });

  it('saves: the core gets the configuration, the form starts again from what was saved', async () => {
    const store = useSourcesStore();
    await store.load();
    store.chooseType('ical');
    Object.assign(store.draft.ical.feeds[0]!, { name: 'Rooster', url: 'http://127.0.0.1:8123/rooster.ics' });
    fake.respond('sources.get', { source: null, secretsSet: [], status: syncStatus({ state: 'running', source: 'ical' }) });
    expect(await store.save()).toBe(true);
    const source = { type: 'ical', weeks: 2, feeds: [{ name: 'Rooster', url: 'http://127.0.0.1:8123/rooster.ics', room: { from: 'location' }, subject: { from: 'summary' }, daysOff: false }], teacherCodes: [] };
    expect(fake.callsOf('sources.set')).toEqual([{ source }]);
    expect(store.saved).toEqual(source);
    expect(store.changed).toBe(false);
    expect(store.notice).toBe('saved');
    expect(store.status?.state).toBe('running');
  });

  it('keeps a pushed status over an answer that was asked for before it (a small feed syncs faster than a round trip)', async () => {
    const store = useSourcesStore();
    store.followStatus();
    await store.load();
    fake.respond('sources.get', () => {
      // The sync the save started ends and is pushed while this answer, made when it still ran, is on its way.
      const answer = { source: null, secretsSet: [], status: syncStatus({ state: 'running' }) };
      fake.emit('sync.status', syncStatus({ state: 'idle', source: 'demo', lastSuccessAt: 2 }));
      return { ok: true, value: answer };
    });
    store.draft.demo.size = 'small';
    expect(await store.save()).toBe(true);
    expect(store.status).toMatchObject({ state: 'idle', lastSuccessAt: 2 });
  });

  it('shows the core\'s words when it refuses the settings', async () => {
    const message = 'source.feeds.0.url: upstream addresses must be https (plain http only to this machine)';
    fake.respond('sources.set', () => ({ ok: false, error: { code: 'INVALID_INPUT', message } }));
    const store = useSourcesStore();
    await store.load();
    store.chooseType('demo');
    store.draft.demo.size = 'small';
    expect(await store.save()).toBe(false);
    expect(store.error).toEqual({ key: 'sources.errors.refused', detail: message });
    expect(store.changed).toBe(true);
  });

  it('syncs once more after a save that came while the old source was still syncing', async () => {
    fake.respond('sources.get', { source: null, secretsSet: [], status: syncStatus({ state: 'running' }) });
    const store = useSourcesStore();
    store.followStatus();
    await store.load();
    store.draft.demo.size = 'large';
    await store.save();
    expect(fake.callsOf('sync.runNow')).toHaveLength(0);
    fake.emit('sync.status', syncStatus({ state: 'running', progress: { phase: 'write', done: 1, total: 2 } }));
    expect(fake.callsOf('sync.runNow')).toHaveLength(0);
    fake.emit('sync.status', syncStatus({ state: 'idle' }));
    fake.emit('sync.status', syncStatus({ state: 'idle' }));
    expect(fake.callsOf('sync.runNow')).toHaveLength(1);
  });

  it('links with Zermelo by koppelcode: the token gets a name, the code is forgotten, the core\'s refusal is shown', async () => {
    const store = useSourcesStore();
    await store.load();
    store.chooseType('zermelo');
    expect(await store.link()).toBe(false);
    expect(store.problems).toEqual({ 'zermelo.portal': { key: 'required' }, 'zermelo.koppelcode': { key: 'koppelcode' } });

    store.draft.zermelo.portal = 'https://school.zportal.nl';
    store.koppelcode = '123 456 789 012';
    const refusal = 'Zermelo did not accept the koppelcode. A code works once and expires after a while.';
    fake.respond('sources.linkZermelo', () => ({ ok: false, error: { code: 'UNAVAILABLE', message: refusal } }));
    expect(await store.link()).toBe(false);
    expect(store.error).toEqual({ key: 'sources.errors.link', detail: refusal });

    fake.respond('sources.linkZermelo', { linked: true });
    expect(await store.link()).toBe(true);
    expect(fake.callsOf('sources.linkZermelo').at(-1)).toEqual({ portal: 'school', koppelcode: '123 456 789 012', token: 'zermelo.token' });
    expect(store.koppelcode).toBe('');
    expect(store.isSet('zermelo.token')).toBe(true);
    expect(store.notice).toBe('linked');
    expect(store.check()).toBe(true);
  });

  it('starts a sync now and shows that it runs', async () => {
    const store = useSourcesStore();
    await store.load();
    await store.startSync();
    expect(store.status?.state).toBe('running');
    expect(store.notice).toBe('syncStarted');
    expect(store.busy).toBeNull();
  });

  it('says so when the source settings cannot be read', async () => {
    fake.fail('sources.get', 'INTERNAL');
    const store = useSourcesStore();
    await store.load();
    expect(store.loaded).toBe(false);
    expect(store.error?.key).toBe('sources.errors.load');
  });
});
