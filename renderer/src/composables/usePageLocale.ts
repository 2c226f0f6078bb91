import { storeToRefs } from 'pinia';
import { type MaybeRefOrGetter, toValue, watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../i18n';
import { useAppInfoStore } from '../stores/appInfo';

/**
 * Follows the page's language in the messages and in <html lang>: by default ?lang over the school's setting;
 * a kiosk passes its own choice (?lang over the display profile's language).
 */
export function usePageLocale(wanted?: MaybeRefOrGetter<Locale>) {
  const { locale } = useI18n();
  const { locale: pageLocale } = storeToRefs(useAppInfoStore());
  watchEffect(() => {
    const chosen = wanted === undefined ? pageLocale.value : toValue(wanted);
    locale.value = chosen;
    document.documentElement.lang = chosen;
  });
}
