import '../styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { createGangbordI18n, localeFromQuery } from '../i18n';
import { useAppInfoStore } from '../stores/appInfo';
import { roomsFromQuery } from './query';
import KioskApp from './KioskApp.vue';

// The kiosk page. Its address may say `?lang=en` (language) and `?rooms=A1.04,A1.05` (a door sign for those rooms).
const query = window.location.search;
const pinia = createPinia();
const override = localeFromQuery(query);
const i18n = createGangbordI18n(override ?? 'nl');

const app = createApp(KioskApp, { rooms: roomsFromQuery(query) });
app.use(pinia).use(i18n);
useAppInfoStore(pinia).setLocaleOverride(override);
app.mount('#app');
