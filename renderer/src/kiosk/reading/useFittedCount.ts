import { type MaybeRefOrGetter, nextTick, onBeforeUnmount, onMounted, type Ref, ref, toValue, watch } from 'vue';

/** Room kept under the last item for the "and 2 more" line, in rem. */
const MORE_LINE_REM = 1.5;

/**
 * How many of a list's items fit whole in `box` at the type's reading size: all are drawn, those whose bottom falls
 * past the box (less a line for "and 2 more") are counted, and the list is drawn again with the rest left out.
 * Measured again when the list or the box's size changes. Text is never made smaller to fit more.
 */
export function useFittedCount(box: Ref<HTMLElement | null>, itemSelector: string, total: MaybeRefOrGetter<number>): Ref<number> {
  const count = ref(toValue(total));
  let observer: ResizeObserver | null = null;

  async function measure() {
    count.value = toValue(total);
    await nextTick();
    const el = box.value;
    // Nothing laid out (a DOM without layout, or not shown yet): nothing to count by.
    if (!el || el.clientHeight === 0) return;
    const items = [...el.querySelectorAll<HTMLElement>(itemSelector)];
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const bottom = el.getBoundingClientRect().bottom - parseFloat(getComputedStyle(el).paddingBottom);
    // A pixel to spare: rounding at large pixel ratios must not leave a row a hair past the edge.
    const fitsAll = items.every((item) => item.getBoundingClientRect().bottom <= bottom - 1);
    if (fitsAll) return;
    const limit = bottom - MORE_LINE_REM * rem;
    count.value = items.filter((item) => item.getBoundingClientRect().bottom <= limit - 1).length;
  }

  watch(() => toValue(total), () => void measure());
  onMounted(() => {
    observer = new ResizeObserver(() => void measure());
    watch(box, (el, old) => {
      if (old) observer?.unobserve(old);
      if (el) observer?.observe(el);
      void measure();
    }, { immediate: true });
  });
  onBeforeUnmount(() => observer?.disconnect());
  return count;
}
