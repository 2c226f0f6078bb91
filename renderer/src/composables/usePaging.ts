import { computed, onBeforeUnmount, onMounted, ref, type Ref, toValue, type MaybeRefOrGetter, watch } from 'vue';

export interface PagingOptions {
  /**
   * A source that changes on every tick of the page's clock. When given, a turn that falls due waits for the next
   * tick and happens in it: the screen then draws one frame for the tick and the turn together, not two.
   */
  alignTo?: () => unknown;
}

/**
 * Calm paging through a long list: a fixed number per page, turning every `intervalMs`. Text stays large;
 * the list takes turns instead of shrinking. Timers live with the component that pages.
 */
export function usePaging<T>(
  items: Ref<readonly T[]>,
  pageSize: MaybeRefOrGetter<number>,
  intervalMs: MaybeRefOrGetter<number>,
  options: PagingOptions = {},
) {
  const index = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;
  let due = false;

  const size = computed(() => Math.max(1, Math.floor(toValue(pageSize))));
  const pages = computed(() => Math.max(1, Math.ceil(items.value.length / size.value)));
  // When the list shrinks under the page shown, show the last page rather than an empty one.
  const page = computed(() => Math.min(index.value, pages.value - 1));
  const visible = computed(() => items.value.slice(page.value * size.value, (page.value + 1) * size.value));
  /** Every page's items, for a list that keeps all its pages drawn and only shows one (see CorridorLayout). */
  const all = computed(() => Array.from({ length: pages.value }, (_, p) => items.value.slice(p * size.value, (p + 1) * size.value)));

  function turn() {
    index.value = pages.value > 1 ? (page.value + 1) % pages.value : 0;
  }

  function schedule() {
    if (timer) clearInterval(timer);
    const onInterval = options.alignTo ? () => (due = true) : turn;
    timer = setInterval(onInterval, Math.max(1_000, toValue(intervalMs)));
  }

  if (options.alignTo) {
    watch(options.alignTo, () => {
      if (!due) return;
      due = false;
      turn();
    }, { flush: 'sync' });
  }

  onMounted(schedule);
  // A new profile may page at another pace: the next turn comes a whole new interval later.
  watch(() => toValue(intervalMs), () => timer && schedule());
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
    timer = null;
  });

  return { page, pages, visible, all, turn };
}
