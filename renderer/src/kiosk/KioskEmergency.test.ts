import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DisplayProfile } from '@shared/domain/display';
import { announcement, announcements, at, board, changesBoard, DAY, displaySetup, room, roomDay } from '../testing/builders';
import type { FakeTransport } from '../testing/fakeTransport';
import { fakeTimersEachTest } from '../testing/fakeCore';
import { fakeKioskCore, mountKiosk } from './kioskTesting';

const layouts: Partial<DisplayProfile>[] = [
  { layout: 'corridor' },
  { layout: 'door', rooms: { kind: 'list', rooms: ['A1.01'] } },
  { layout: 'changes' },
  { layout: 'announcements' },
];

enableAutoUnmount(afterEach);

describe('an emergency announcement', () => {
  fakeTimersEachTest();
  let fake: FakeTransport;
  beforeEach(() => {
    fake = fakeKioskCore('09:00')
      .respond('kiosk.nowNext', board([{ room: room('A1.01'), now: null, next: null }]))
      .respond('kiosk.roomDay', roomDay([]))
      .respond('kiosk.changes', changesBoard([{ day: DAY, groups: [] }]))
      .respond('announcements.current', announcements([
        announcement('gewoon', { title: 'Welkom' }),
        announcement('brand', { title: 'Ontruiming', body: '<p>Verlaat het gebouw</p>', emergency: true, start: at('09:00'), end: at('09:00:30') }),
      ], at('09:00:30')));
  });

  it.each(layouts)('covers the $layout layout until it ends, then goes by itself', async (layout) => {
    fake.respond('display.current', displaySetup(layout));
    const wrapper = mountKiosk();
    await flushPromises();
    const alert = wrapper.find('[role="alert"][data-testid="emergency"]');
    expect(alert.text()).toContain('Ontruiming');
    expect(alert.text()).toContain('Verlaat het gebouw');
    // The cover is the page's last child and fixed over all of it (position: fixed; inset: 0 in its scoped CSS).
    expect(wrapper.find('.kiosk').element.lastElementChild).toBe(alert.element);
    fake.respond('announcements.current', announcements([announcement('gewoon', { title: 'Welkom' })]));
    await vi.advanceTimersByTimeAsync(31_000);
    expect(wrapper.find('[data-testid="emergency"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
