import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '@shared/settings';
import type { Locale } from '../../../i18n';
import { setApi } from '../../../api';
import { FakeTransport } from '../../../testing/fakeTransport';
import { createStaffI18n } from '../../i18n';
import { at, syncStatus } from '../../testing/staffBuilders';
import SourcesView from './SourcesView.vue';

describe('SourcesView', () => {
  let fake: FakeTransport;
  let wrapper: VueWrapper | null = null;
  beforeEach(() => {
    fake = new FakeTransport()
      .respond('sources.get', { source: null, secretsSet: [], status: syncStatus() })
      .respond('sources.setSecret', {})
      .respond('sources.set', (input) => ({ ok: true, value: { source: (input.source ?? null) as SourceConfig | null } }))
      .respond('sync.runNow', syncStatus({ state: 'running' }));
    setApi(fake);
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = null;
    setApi(null);
  });

  async function mountView(locale: Locale = 'nl') {
    wrapper = mount(SourcesView, { global: { plugins: [createPinia(), createStaffI18n(locale)] }, attachTo: document.body });
    await flushPromises();
    return wrapper;
  }

  const button = (w: VueWrapper, text: string) => w.findAll('button').find((b) => b.text() === text)!;

  it('shows the status in words: source, last success, the last error with its message, the next run', async () => {
    fake.respond('sources.get', {
      source: { type: 'zermelo', portal: 'school', token: 'zermelo.token', weeks: 2 }, secretsSet: ['zermelo.token'],
      status: syncStatus({
        state: 'backoff', source: 'zermelo:school', consecutiveFailures: 2, nextRunAt: at('13:07'),
        lastError: { code: 'UPSTREAM_HTTP', message: 'Appointments: HTTP 503 from the portal.', at: at('13:04') },
      }),
    });
    const w = await mountView();
    const status = w.get('[data-testid="source-status"]');
    expect(status.get('[data-testid="source-state"]').text()).toBe('✗ Mislukt; Gangbord probeert het later opnieuw');
    expect(status.get('[data-testid="status-source"]').text()).toBe('Zermelo (school)');
    expect(status.get('[data-testid="status-last-success"]').text()).toBe('24-11-2026 13:00:00');
    // What went wrong in the page's Dutch, from the error's code; the core's own sentence under it.
    expect(status.get('[data-testid="status-last-error"] strong').text()).toBe('✗ De bron gaf geen bruikbaar antwoord of was niet bereikbaar.');
    expect(status.get('[data-testid="status-last-error"]').text()).toContain('Appointments: HTTP 503 from the portal.');
    expect(status.get('[data-testid="status-failures"]').text()).toBe('2');
    expect(status.get('[data-testid="status-next-run"]').text()).toBe('24-11-2026 13:07:00');
    expect(status.text()).toContain('Het rooster van de laatste geslaagde synchronisatie blijft zichtbaar');
    expect(w.get('[data-testid="zermelo-link-state"]').text()).toContain('✓ Gekoppeld');
  });

  it('shows a progress bar while a sync runs, from the pushed status, and starts one on request', async () => {
    const w = await mountView();
    expect(w.find('[role="progressbar"]').exists()).toBe(false);
    fake.emit('sync.status', syncStatus({ state: 'running', progress: { phase: 'write', done: 25, total: 100 } }));
    await flushPromises();
    const bar = w.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('25');
    expect(bar.attributes('aria-valuetext')).toBe('opslaan: 25 van 100');
    expect(button(w, 'Nu synchroniseren').attributes('disabled')).toBeDefined();
    fake.emit('sync.status', syncStatus());
    await flushPromises();
    await button(w, 'Nu synchroniseren').trigger('click');
    await flushPromises();
    expect(fake.callsOf('sync.runNow')).toHaveLength(1);
    expect(w.get('[data-testid="sources-notice"]').text()).toBe('De synchronisatie is gestart.');
  });

  it('shows each test step with its verdict in words, not by colour alone', async () => {
    fake.respond('sources.test', {
      ok: false, steps: [
        { step: "Feed 'Hoofdgebouw'", ok: true, detail: '12 events, 8 this week', code: 'feed', subject: 'Hoofdgebouw' },
        { step: "Feed 'Sporthal'", ok: false, detail: "Feed 'Sporthal': connection refused.", code: 'feed', subject: 'Sporthal', error: 'UPSTREAM_HTTP' },
        { step: 'Appointments for week 48', ok: true, detail: '1 appointment', code: 'appointments', subject: '48', count: 1 },
        { step: 'Pupils', ok: true, detail: '1,204 pupils', code: 'pupils', subject: null, count: 1204 },
      ],
    });
    const w = await mountView();
    await button(w, 'Verbinding testen').trigger('click');
    await flushPromises();
    const result = w.get('[data-testid="connection-test"]');
    expect(result.get('[role="status"]').text()).toBe('✗ Verbinding mislukt: zie hieronder wat niet werkte.');
    const steps = result.findAll('li').map((li) => li.text().replace(/\s+/g, ' '));
    expect(steps).toEqual([
      // No words of the page's own for a feed's notes: the connector's sentence, marked as English.
      "✓ Gelukt: Feed 'Hoofdgebouw' 12 events, 8 this week",
      // The step's name and the reason are the page's own words, from their codes; the source's text follows as technical detail.
      "✗ Mislukt: Feed 'Sporthal' De bron gaf geen bruikbaar antwoord of was niet bereikbaar. Technisch (Engels): Feed 'Sporthal': connection refused.",
      '✓ Gelukt: Afspraken in week 48 1 afspraak Technisch (Engels): 1 appointment',
      '✓ Gelukt: Leerlingen 1204 leerlingen Technisch (Engels): 1,204 pupils',
    ]);
    expect(result.findAll('li .detail').every((d) => d.attributes('lang') === 'en')).toBe(true);
    expect(fake.callsOf('sources.test')).toEqual([{ source: { type: 'demo', size: 'standard' }, typedSecrets: {} }]);
  });

  it('marks the wrong fields, says why, and puts the focus on the first', async () => {
    const w = await mountView();
    await w.get('input[name="sourceType"][value="ical"]').setValue(true);
    await w.get('form').trigger('submit');
    await flushPromises();
    const name = w.get('input[name$="-name"]');
    expect(name.attributes('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name.element);
    const described = name.attributes('aria-describedby')!;
    expect(document.getElementById(described)!.textContent).toContain('Vul dit in.');
    expect(w.get('[role="alert"]').text()).toContain('Controleer de gemarkeerde velden.');
    expect(fake.callsOf('sources.set')).toEqual([]);
  });

  it('takes a WebUntis password as a secret: stored on save, gone from the page, shown as set', async () => {
    const w = await mountView();
    await w.get('input[name="sourceType"][value="webuntis"]').setValue(true);
    await w.get('input[name="webuntisServer"]').setValue('nessa.webuntis.com');
    await w.get('input[name="webuntisSchool"]').setValue('demo');
    await w.get('input[name="webuntisUsername"]').setValue('gangbord');
    const password = w.get<HTMLInputElement>('#src-webuntis-password');
    expect(password.attributes('type')).toBe('password');
    expect(password.attributes('data-secret-state')).toBe('not-set');
    await password.setValue('geheim wachtwoord');
    fake.respond('sources.get', { source: null, secretsSet: ['webuntis.password'], status: syncStatus({ state: 'running', source: 'webuntis:nessa.webuntis.com/demo' }) });
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(fake.callsOf('sources.setSecret')).toEqual([{ name: 'webuntis.password', value: 'geheim wachtwoord' }]);
    expect(fake.callsOf('sources.set')).toEqual([{ source: { type: 'webuntis', server: 'nessa.webuntis.com', school: 'demo', username: 'gangbord', password: 'webuntis.password', weeks: 2 } }]);
    const after = w.get<HTMLInputElement>('#src-webuntis-password');
    expect(after.element.value).toBe('');
    expect(after.attributes('data-secret-state')).toBe('set');
    expect(w.html()).not.toContain('geheim wachtwoord');
    expect(w.get('[data-testid="sources-notice"]').text()).toBe('Opgeslagen. Gangbord synchroniseert nu met deze bron.');
  });

  it('opens a feed\'s rules by itself when a pattern is wrong, and focuses it', async () => {
    const w = await mountView();
    await w.get('input[name="sourceType"][value="ical"]').setValue(true);
    const details = w.get<HTMLDetailsElement>('details.rules');
    expect(details.element.open).toBe(false);
    await w.get('input[name$="-name"]').setValue('Rooster');
    await w.get('input[name$="-url"]').setValue('https://rooster.example.nl/a.ics');
    await w.get('select[name$="-teacher-from"]').setValue('description');
    await w.get('input[name$="-teacher-pattern"]').setValue('Docent: (\\w+');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(details.element.open).toBe(true);
    expect(document.activeElement).toBe(w.get('input[name$="-teacher-pattern"]').element);
    expect(w.text()).toContain('Dit is geen geldige reguliere expressie.');
  });

  it('adds and removes iCal feeds by keyboard-reachable buttons, moving the focus sensibly', async () => {
    const w = await mountView('en');
    await w.get('input[name="sourceType"][value="ical"]').setValue(true);
    await button(w, 'Add feed').trigger('click');
    await flushPromises();
    const feeds = w.findAll('fieldset.feed');
    expect(feeds).toHaveLength(2);
    expect(document.activeElement).toBe(feeds[1]!.get('input[name$="-name"]').element);
    await button(w, 'Remove feed 2').trigger('click');
    await flushPromises();
    expect(w.findAll('fieldset.feed')).toHaveLength(1);
    expect(document.activeElement?.textContent?.trim()).toBe('Add feed');
    expect(w.text()).not.toContain('staffUi.');
  });
});
