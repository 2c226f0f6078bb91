import { createI18n } from 'vue-i18n';
import type { AppInfo } from '@shared/contract';
import en from './en';
import nl, { type MessageSchema } from './nl';

export type Locale = AppInfo['locale'];
export const LOCALES: readonly Locale[] = ['nl', 'en'];

/** Composition mode (`legacy: false`): components use `useI18n()`; Dutch until app.info or ?lang says otherwise. */
export function createGangbordI18n(locale: Locale = 'nl') {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'nl',
    messages: { nl, en },
  });
}

export type GangbordI18n = ReturnType<typeof createGangbordI18n>;

/** `?lang=en` in the page address, over the school's configured language; anything else is ignored. */
export function localeFromQuery(search: string): Locale | null {
  const lang = new URLSearchParams(search).get('lang')?.toLowerCase();
  return LOCALES.find((l) => l === lang) ?? null;
}

/** The BCP 47 tag Intl formats dates with: Dutch as in the Netherlands, English as in Britain (24-hour, day first). */
export function intlLocale(locale: Locale): string {
  return locale === 'nl' ? 'nl-NL' : 'en-GB';
}
