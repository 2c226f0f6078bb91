import { storeToRefs } from 'pinia';
import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useAppInfoStore } from '../stores/appInfo';

/** Follows the page's language (?lang over the school's setting) in the messages and in <html lang>. */
export function usePageLocale() {
  const { locale } = useI18n();
  const { locale: pageLocale } = storeToRefs(useAppInfoStore());
  watchEffect(() => {
    locale.value = pageLocale.value;
    document.documentElement.lang = pageLocale.value;
  });
}
