import { useI18n } from 'vue-i18n';
import { STAFF_NS } from './i18n';
import type { ShownError } from './stores/staffCall';

/** `st('card.showPhoto')`: the staff namespace's messages, and errors as stores keep them. */
export function useStaffText() {
  const { t, locale } = useI18n();
  /** With `plural`, a message of the form "one | many" chooses by it ("1 minuut", "5 minuten"). */
  const st = (key: string, params: Record<string, unknown> = {}, plural?: number) =>
    (plural === undefined ? t(`${STAFF_NS}.${key}`, params) : t(`${STAFF_NS}.${key}`, params, plural));
  const errorText = (error: ShownError) => st(error.key);
  return { t, st, errorText, locale };
}
