import '../styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createGangbordI18n, localeFromQuery } from '../i18n';
import { useAppInfoStore } from '../stores/appInfo';
import { roomsFromQuery } from './query';
import KioskApp from './KioskApp.vue';

// The kiosk page. What it shows comes from the screen's display profile (layout, rooms, theme, language ...).
// Its address may say `?lang=en` (language over the profile's) and `?rooms=A1.04,A1.05` (these rooms over the
// profile's: one card each on the corridor overview, or the first one's door sign).
const query = window.location.search;
const pinia = createPinia();
const override = localeFromQuery(query);
const i18n = createGangbordI18n(override ?? 'nl');

const app = createApp(KioskApp, { rooms: roomsFromQuery(query) });
app.use(pinia).use(i18n);
useAppInfoStore(pinia).setLocaleOverride(override);
app.mount('#app');
