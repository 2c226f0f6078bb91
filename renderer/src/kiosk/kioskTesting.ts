import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { setApi } from '../api';
import { createGangbordI18n } from '../i18n';
import { appInfo, at, syncStatus } from '../testing/builders';
import { FakeTransport } from '../testing/fakeTransport';
import KioskApp from './KioskApp.vue';

/**
 * The page's fake core, its clock at `time` on the test day and its last sync fine: what every kiosk page asks
 * first. Tests add the answers their layout needs.
 */
export function fakeKioskCore(time: string): FakeTransport {
  const fake = new FakeTransport()
    .respond('app.info', appInfo({ clock: { now: at(time), rate: 1 } }))
    .respond('clock.now', { now: at(time), rate: 1 })
    .respond('sync.status', syncStatus());
  setApi(fake);
  return fake;
}

/** The whole kiosk page in Dutch, on a fresh Pinia, attached so that focus and layout work. */
export function mountKiosk(props: Record<string, unknown> = {}) {
  return mount(KioskApp, { props, global: { plugins: [createPinia(), createGangbordI18n('nl')] }, attachTo: document.body });
}
