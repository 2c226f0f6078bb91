import { onBeforeUnmount, onMounted } from 'vue';

/**
 * Ctrl+Shift+P opens the on-screen admin overlay. A key combination nobody presses by accident, on a keyboard an
 * administrator plugs in; the overlay itself still asks for the display PIN. Electron's kiosk key guard swallows
 * Ctrl+P (printing) but lets this one through (electron/core/kiosk/kioskKeys.ts).
 */
export function isAdminShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>): boolean {
  const p = event.code === 'KeyP' || event.key.toLowerCase() === 'p';
  return p && event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey;
}

export function useAdminShortcut(open: () => void) {
  function onKeydown(event: KeyboardEvent) {
    if (!isAdminShortcut(event)) return;
    event.preventDefault();
    open();
  }
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
