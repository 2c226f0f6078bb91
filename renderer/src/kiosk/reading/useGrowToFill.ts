import { nextTick, onBeforeUnmount, onMounted, type Ref, watch } from 'vue';

/** A sign's type grows at most this much over its reading size when it has little to say. */
export const GROW_MAX = 1.6;
const GROW_STEP = 0.1;

/**
 * Whether anything in `root` runs past its box: the root or a panel running over, a panel's last child below its
 * edge, or any element wider than its box.
 */
function overflows(root: HTMLElement, boxes: string): boolean {
  const past = (el: Element) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  if (past(root)) return true;
  for (const box of root.querySelectorAll(boxes)) {
    if (past(box)) return true;
    const last = box.lastElementChild?.getBoundingClientRect().bottom ?? 0;
    if (last > box.getBoundingClientRect().bottom + 1) return true;
  }
  // Wider than its box: a line that cannot wrap (a time, "08:30–10:10") runs into the padding, or one is shortened.
  for (const el of root.querySelectorAll('*')) if (el.scrollWidth > el.clientWidth + 1) return true;
  return false;
}

/**
 * Type that fills a sign which has little to say (a door sign after the day's last lesson, a free room): the sign is
 * drawn in em of its own font size, and this sets that size, in steps of 0.1 from GROW_MAX down to the reading size
 * (1rem), to the largest at which nothing in it runs past its box. Worked out when `content` changes or the sign's
 * size does, not on clock ticks. Never below the reading size. Only where `grows` says so: a list that counts what
 * fits ("and 2 more") must keep the reading size, or growing would hide its items.
 */
export function useGrowToFill(el: Ref<HTMLElement | null>, boxes: string, content: () => unknown, grows: () => boolean): void {
  let observer: ResizeObserver | null = null;
  let width = 0;
  let height = 0;

  async function fit() {
    await nextTick();
    const root = el.value;
    // Nothing laid out (a DOM without layout, or not shown yet): the reading size.
    if (!root || root.clientHeight === 0) return;
    width = root.clientWidth;
    height = root.clientHeight;
    root.style.fontSize = '1rem';
    if (!grows() || overflows(root, boxes)) return;
    for (let step = Math.round((GROW_MAX - 1) / GROW_STEP); step > 0; step--) {
      root.style.fontSize = `${1 + step * GROW_STEP}rem`;
      if (!overflows(root, boxes)) return;
    }
    root.style.fontSize = '1rem';
  }

  watch(content, () => void fit());
  onMounted(() => {
    // Only a new size of the sign itself: the font size this sets changes what is inside it, not its box.
    observer = new ResizeObserver(() => {
      const root = el.value;
      if (root && (root.clientWidth !== width || root.clientHeight !== height)) void fit();
    });
    watch(el, (now, old) => {
      if (old) observer?.unobserve(old);
      if (now) observer?.observe(now);
      void fit();
    }, { immediate: true });
  });
  onBeforeUnmount(() => observer?.disconnect());
}
