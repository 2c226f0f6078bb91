import '../styles/base.css';
import './staff.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { localeFromQuery } from '../i18n';
import { useAppInfoStore } from '../stores/appInfo';
import { createStaffI18n } from './i18n';
import StaffApp from './StaffApp.vue';

// The staff page. `?lang=en` chooses English over the school's configured language.
const pinia = createPinia();
const override = localeFromQuery(window.location.search);
const app = createApp(StaffApp);
app.use(pinia).use(createStaffI18n(override ?? 'nl'));
useAppInfoStore(pinia).setLocaleOverride(override);
app.mount('#app');
