import { type MaybeRefOrGetter, onBeforeUnmount, toValue, watchEffect } from 'vue';

export type Theme = 'light' | 'dark' | 'high-contrast';
const THEMES: readonly Theme[] = ['light', 'dark', 'high-contrast'];

/**
 * Puts the theme on <html> (`theme-dark`, ...), where base.css defines each theme's colours: the page background
 * and the boot and black screens follow it too, not only the components.
 */
export function useDocumentTheme(theme: MaybeRefOrGetter<Theme>) {
  const root = document.documentElement;
  watchEffect(() => {
    const current = toValue(theme);
    for (const t of THEMES) root.classList.toggle(`theme-${t}`, t === current);
    root.dataset.theme = current;
  });
  onBeforeUnmount(() => {
    for (const t of THEMES) root.classList.remove(`theme-${t}`);
    delete root.dataset.theme;
  });
}
