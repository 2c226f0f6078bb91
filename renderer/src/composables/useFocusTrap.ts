import { onBeforeUnmount, onMounted, type Ref } from 'vue';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps keyboard focus inside a dialog: Tab past the last control comes back to the first, Shift+Tab the other
 * way round. Focus goes back where it was when the dialog closes.
 */
export function useFocusTrap(container: Ref<HTMLElement | null>) {
  let before: Element | null = null;

  function focusables(): HTMLElement[] {
    const root = container.value;
    if (!root) return [];
    return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && tabStop(root, el));
  }

  /** Of a group of radio buttons Tab reaches only one: the checked one, or the first when none is. */
  function tabStop(root: HTMLElement, el: HTMLElement): boolean {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
    const group = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter((r) => r.name === el.name);
    return el.checked || (!group.some((r) => r.checked) && group[0] === el);
  }

  function onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Tab') return;
    const list = focusables();
    if (list.length === 0) return;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const active = document.activeElement;
    const inside = active instanceof HTMLElement && container.value?.contains(active);
    if (event.shiftKey && (active === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  onMounted(() => {
    before = document.activeElement;
    document.addEventListener('keydown', onKeydown, true);
  });
  onBeforeUnmount(() => {
    document.removeEventListener('keydown', onKeydown, true);
    if (before instanceof HTMLElement) before.focus();
  });

  return { focusables };
}
