import { computed, type MaybeRefOrGetter, onBeforeUnmount, ref, toValue, watchEffect } from 'vue';
import type { DisplayProfile } from '@shared/domain/display';
import { readableUpTo, readingScale, viewingOf } from '@shared/display/readingScale';
import { measureCapRatio } from './capRatio';

/*
 * The kiosk's type scale, from the screen's size and the distance it is read from (docs/reading-distance.md):
 * 1rem is the size whose capitals subtend 16 minutes of arc, so every text a passer-by reads is at least 1rem, the
 * main lines (room, now and next) at least 1.25rem (20'), status text at least 0.75rem (12'). Layouts are drawn in
 * rem, so a larger screen or a shorter distance gives smaller type and more on a page, and the reverse.
 */
export function useReadingScale(profile: MaybeRefOrGetter<Pick<DisplayProfile, 'layout' | 'screenInches' | 'viewingMetres'> | null>) {
  const size = ref({ width: window.innerWidth, height: window.innerHeight });
  const onResize = () => (size.value = { width: window.innerWidth, height: window.innerHeight });
  window.addEventListener('resize', onResize);
  const capRatio = measureCapRatio(getComputedStyle(document.body).fontFamily || 'sans-serif');

  const scale = computed(() => {
    const p = toValue(profile);
    if (!p) return null;
    const viewing = viewingOf(p);
    const { px, mmPerPx } = readingScale({ ...viewing, ...size.value, capRatio });
    return { remPx: px.text, mmPerPx, metres: viewing.metres, inches: viewing.inches, readableMetres: readableUpTo(px.text, capRatio, mmPerPx) };
  });

  const root = document.documentElement;
  watchEffect(() => {
    // A style property set through the CSSOM, which the CSP (style-src 'self') allows.
    if (scale.value) root.style.fontSize = `${scale.value.remPx}px`;
    else root.style.removeProperty('font-size');
  });
  onBeforeUnmount(() => {
    window.removeEventListener('resize', onResize);
    root.style.removeProperty('font-size');
  });
  return scale;
}
