import { createGangbordI18n, type GangbordI18n, type Locale } from '../../i18n';
import en from './en';
import nl from './nl';

/** The key the staff messages live under in the shared i18n instance, apart from the kiosk's. */
export const STAFF_NS = 'staffUi';

/** Adds the staff page's messages to the app's i18n instance (the kiosk bundle never carries them). */
export function mergeStaffMessages(i18n: GangbordI18n): GangbordI18n {
  // The shared instance is typed by the kiosk's schema; the staff messages are an extra namespace on top.
  const merge = i18n.global.mergeLocaleMessage as unknown as (locale: Locale, messages: Record<string, unknown>) => void;
  merge('nl', { [STAFF_NS]: nl });
  merge('en', { [STAFF_NS]: en });
  return i18n;
}

export function createStaffI18n(locale: Locale = 'nl'): GangbordI18n {
  return mergeStaffMessages(createGangbordI18n(locale));
}
