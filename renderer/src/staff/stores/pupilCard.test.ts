import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupMember } from '@shared/domain/staff';
import { setApi } from '../../api';
import { FakeTransport } from '../../testing/fakeTransport';
import { livePhotoUrlCount, releaseAllPhotoUrls } from '../photoUrls';
import { PHOTO, pupilCard } from '../testing/staffBuilders';
import { dutchOrder, useGroupPhotosStore } from './groupPhotos';
import { usePupilCardStore } from './pupilCard';

const member = (number: string, displayName: string, sortName: string, photo: GroupMember['photo'] = 'available'): GroupMember =>
  ({ number, displayName, sortName, photo });

describe('usePupilCardStore', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    setActivePinia(createPinia());
    fake = new FakeTransport().respond('pupils.card', pupilCard()).respond('pupils.photo', PHOTO);
    setApi(fake);
  });
  afterEach(() => {
    releaseAllPhotoUrls();
    setApi(null);
  });

  it('opens the card without the photo; the photo only on request, as a blob: URL revoked when hidden', async () => {
    const store = usePupilCardStore();
    await store.open('120631');
    expect(store.card?.pupil.lastName).toBe('Berg');
    expect(fake.callsOf('pupils.photo')).toHaveLength(0);
    await store.showPhoto();
    expect(store.photoUrl).toMatch(/^blob:/);
    expect(livePhotoUrlCount()).toBe(1);
    store.hidePhoto();
    expect(store.photoUrl).toBeNull();
    expect(livePhotoUrlCount()).toBe(0);
  });

  it('releases the photo when the card closes, and drops a photo that arrives after it closed', async () => {
    const store = usePupilCardStore();
    await store.open('120631');
    await store.showPhoto();
    store.close();
    expect(livePhotoUrlCount()).toBe(0);
    expect(store.card).toBeNull();

    await store.open('120631');
    const late = store.showPhoto();
    store.close();
    await late;
    expect(livePhotoUrlCount()).toBe(0);
    expect(store.photoUrl).toBeNull();
  });

  it('never asks for a photo without consent', async () => {
    fake.respond('pupils.card', pupilCard({ photo: 'no-consent' }));
    const store = usePupilCardStore();
    await store.open('120631');
    await store.showPhoto();
    expect(fake.callsOf('pupils.photo')).toHaveLength(0);
  });
});

describe('useGroupPhotosStore', () => {
  let fake: FakeTransport;
  beforeEach(() => {
    setActivePinia(createPinia());
    fake = new FakeTransport().respond('pupils.photo', PHOTO).respond('groups.members', {
      group: '4M1',
      pupils: [
        member('3', 'Sanne van den Berg', 'Berg, Sanne van den'), member('1', 'Ömer Aydın', 'Aydın, Ömer'),
        member('2', 'Daan de Boer', 'Boer, Daan de', 'no-consent'), member('4', 'Emma Bakker', 'Bakker, Emma', 'none'),
      ],
    });
    setApi(fake);
  });
  afterEach(() => {
    releaseAllPhotoUrls();
    setApi(null);
  });

  it('orders names the Dutch way, under the last name without its tussenvoegsel', () => {
    expect(dutchOrder([member('1', 'Daan de Boer', 'Boer, Daan de'), member('2', 'Sanne van den Berg', 'Berg, Sanne van den'), member('3', 'Emma Bakker', 'Bakker, Emma')])
      .map((m) => m.displayName)).toEqual(['Emma Bakker', 'Sanne van den Berg', 'Daan de Boer']);
  });

  it('lists names first; photos only after "show photos", one call per pupil with consent and a photo; all released on hide', async () => {
    const store = useGroupPhotosStore();
    await store.open('4M1');
    expect(store.members.map((m) => m.displayName)).toEqual(['Ömer Aydın', 'Emma Bakker', 'Sanne van den Berg', 'Daan de Boer']);
    expect(fake.callsOf('pupils.photo')).toHaveLength(0);
    await store.showPhotos();
    expect(fake.callsOf('pupils.photo')).toEqual([{ number: '1' }, { number: '3' }]);
    expect(Object.keys(store.photos).sort()).toEqual(['1', '3']);
    expect(store.done).toBe(2);
    expect(livePhotoUrlCount()).toBe(2);
    store.hidePhotos();
    expect(livePhotoUrlCount()).toBe(0);
    expect(store.photos).toEqual({});
  });

  it('forgets the class list and every photo when closed', async () => {
    const store = useGroupPhotosStore();
    await store.open('4M1');
    await store.showPhotos();
    store.close();
    expect(store.members).toEqual([]);
    expect(livePhotoUrlCount()).toBe(0);
  });
});
