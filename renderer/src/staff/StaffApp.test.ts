import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../api';
import { fakeTimersEachTest } from '../testing/fakeCore';
import { FakeTransport } from '../testing/fakeTransport';
import { createStaffI18n } from './i18n';
import { livePhotoUrlCount, releaseAllPhotoUrls } from './photoUrls';
import StaffApp from './StaffApp.vue';
import { at, hit, PHOTO, pupilCard, staffAppInfo, user } from './testing/staffBuilders';

describe('StaffApp', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(() => {
    fake = new FakeTransport()
      .respond('app.info', staffAppInfo())
      .respond('clock.now', { now: at('13:05'), rate: 1 })
      .respond('auth.status', { user: user(), setupNeeded: false, idleLockMinutes: 2 })
      .respond('auth.signOut', {})
      .respond('search.query', { hits: [hit('pupil', '120631', 'Sanne van den Berg', '4M1 · 120631'), hit('group', '4M1', '4M1', 'klas')], pupilsWithheld: false })
      .respond('pupils.card', pupilCard())
      .respond('pupils.photo', PHOTO);
    setApi(fake);
  });
  afterEach(() => {
    releaseAllPhotoUrls();
  });

  async function mountSignedIn() {
    const wrapper = mount(StaffApp, { global: { plugins: [createPinia(), createStaffI18n('nl')] }, attachTo: document.body });
    await flushPromises();
    return wrapper;
  }

  async function openSanneWithPhoto(wrapper: Awaited<ReturnType<typeof mountSignedIn>>) {
    const box = wrapper.get('input[role="combobox"]');
    expect(document.activeElement).toBe(box.element);
    await box.setValue('berg');
    await flushPromises();
    expect(wrapper.findAll('[role="option"]').map((o) => o.text())).toEqual(['Sanne van den Berg4M1 · 120631', '4M1klas']);
    await box.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.findAll('[role="option"]')[1]!.attributes('aria-selected')).toBe('true');
    await box.trigger('keydown', { key: 'ArrowUp' });
    await box.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(wrapper.get('[data-testid="pupil-card"] h2').text()).toBe('Sanne van den Berg');
    expect(document.activeElement?.id).toBe('detail-heading');
    const show = wrapper.findAll('button').find((b) => b.text() === 'Toon foto')!;
    await show.trigger('click');
    await flushPromises();
    expect(wrapper.get('img[data-testid="pupil-photo"]').attributes('src')).toMatch(/^blob:/);
    expect(livePhotoUrlCount()).toBe(1);
  }

  it('locks after the idle minutes: signed out in the core, nothing personal left on screen or in the stores', async () => {
    const wrapper = await mountSignedIn();
    await openSanneWithPhoto(wrapper);

    // Input resets the countdown: a minute and a half, a key, and another minute and a half is not idle.
    await vi.advanceTimersByTimeAsync(90_000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    await vi.advanceTimersByTimeAsync(90_000);
    expect(fake.callsOf('auth.signOut')).toHaveLength(0);
    expect(wrapper.find('[data-testid="pupil-card"]').exists()).toBe(true);

    await vi.advanceTimersByTimeAsync(31_000);
    await flushPromises();
    expect(fake.callsOf('auth.signOut')).toHaveLength(1);
    expect(wrapper.find('[data-testid="sign-in"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('Gangbord is vergrendeld na 2 minuten zonder gebruik.');
    expect(wrapper.text()).toContain('Deze pc vergrendelt na 2 minuten zonder gebruik.');
    expect(wrapper.html()).not.toContain('Sanne');
    expect(wrapper.html()).not.toContain('Bea Heer');
    expect(wrapper.find('img').exists()).toBe(false);
    expect(livePhotoUrlCount()).toBe(0);
    wrapper.unmount();
  });

  it('forgets everything when the core says the session is gone', async () => {
    const wrapper = await mountSignedIn();
    await openSanneWithPhoto(wrapper);
    fake.respond('search.query', () => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } }));
    const box = wrapper.get('input[role="combobox"]');
    await box.setValue('daan');
    await flushPromises();
    expect(wrapper.find('[data-testid="sign-in"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('Je sessie is verlopen. Log opnieuw in.');
    expect(wrapper.html()).not.toContain('Sanne');
    expect(livePhotoUrlCount()).toBe(0);
    wrapper.unmount();
  });

  it('opens the best hit when Enter comes before the answer (a fast typist)', async () => {
    let answer: (() => void) | null = null;
    fake.respond('search.query', () => new Promise((resolve) => {
      answer = () => resolve({ ok: true, value: { hits: [hit('pupil', '120631', 'Sanne van den Berg', '4M1 · 120631')], pupilsWithheld: false } });
    }));
    const wrapper = await mountSignedIn();
    const box = wrapper.get('input[role="combobox"]');
    await box.setValue('120631');
    await box.trigger('keydown', { key: 'Enter' });
    expect(wrapper.find('[data-testid="pupil-card"]').exists()).toBe(false);
    answer!();
    await flushPromises();
    expect(wrapper.get('[data-testid="pupil-card"] h2').text()).toBe('Sanne van den Berg');
    wrapper.unmount();
  });

  it('clears the search with Escape and offers no administrator parts to a teacher', async () => {
    fake.respond('auth.status', { user: user({ role: 'teacher', displayName: 'Dirk Docent' }), setupNeeded: false, idleLockMinutes: 5 });
    const wrapper = await mountSignedIn();
    expect(wrapper.findAll('nav button').map((b) => b.text())).toEqual(['Zoeken', 'Vrije lokalen', 'Mijn account']);
    const box = wrapper.get('input[role="combobox"]');
    await box.setValue('berg');
    await flushPromises();
    await box.trigger('keydown', { key: 'Escape' });
    expect((box.element as HTMLInputElement).value).toBe('');
    expect(wrapper.findAll('[role="option"]')).toHaveLength(0);
    wrapper.unmount();
  });
});
