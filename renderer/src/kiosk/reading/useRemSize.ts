import { onBeforeUnmount, onMounted, type Ref, ref } from 'vue';

/**
 * An element's inner size in rem, the kiosk's reading size: layouts count how many rooms, lines or columns fit in it
 * at that size (docs/reading-distance.md).
 */
export function useRemSize(el: Ref<HTMLElement | null>): Ref<{ width: number; height: number }> {
  const rem = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  // Until measured (and where nothing lays out, as in a DOM without layout): the window less header, band and footer.
  const size = ref({ width: window.innerWidth / rem() - 2, height: window.innerHeight / rem() - 8 });
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    if (typeof ResizeObserver === 'undefined') return;
    observer = new ResizeObserver(() => {
      const box = el.value;
      if (!box || box.clientHeight === 0) return;
      size.value = { width: box.clientWidth / rem(), height: box.clientHeight / rem() };
    });
    if (el.value) observer.observe(el.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return size;
}
