import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { usePaging } from './usePaging';

function pager(count: number, pageSize = 4, intervalMs = 12_000, alignTo?: () => unknown) {
  const items = ref(Array.from({ length: count }, (_, i) => i));
  let state!: ReturnType<typeof usePaging<number>>;
  const wrapper = mount(defineComponent({
    setup() {
      state = usePaging(items, pageSize, intervalMs, { alignTo });
      return () => h('p', state.visible.value.join(','));
    },
  }));
  return { items, wrapper, state: () => state };
}

describe('usePaging', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a page at a time and turns the page on the interval, round and round', async () => {
    const { wrapper, state } = pager(10);
    expect(wrapper.text()).toBe('0,1,2,3');
    expect(state().pages.value).toBe(3);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(wrapper.text()).toBe('4,5,6,7');
    await vi.advanceTimersByTimeAsync(12_000);
    expect(wrapper.text()).toBe('8,9');
    await vi.advanceTimersByTimeAsync(12_000);
    expect(wrapper.text()).toBe('0,1,2,3');
  });

  it('shows the last page rather than an empty one when the list shrinks', async () => {
    const { items, wrapper, state } = pager(10);
    await vi.advanceTimersByTimeAsync(24_000);
    items.value = [0, 1, 2, 3, 4];
    await wrapper.vm.$nextTick();
    expect(state().page.value).toBe(1);
    expect(wrapper.text()).toBe('4');
  });

  it('stops turning when the component goes', async () => {
    const { wrapper, state } = pager(10);
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state().page.value).toBe(0);
  });

  it('with a clock to follow, turns at the first tick after the interval, in that tick', async () => {
    const tick = ref(0);
    const { wrapper } = pager(10, 4, 12_000, () => tick.value);
    await vi.advanceTimersByTimeAsync(12_500);
    expect(wrapper.text()).toBe('0,1,2,3');
    tick.value += 1;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toBe('4,5,6,7');
    tick.value += 1;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toBe('4,5,6,7');
  });
});
