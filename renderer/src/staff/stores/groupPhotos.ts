import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { GroupMember } from '@shared/domain/staff';
import { createPhotoUrl, releasePhotoUrl } from '../photoUrls';
import { type ShownError, shownError, staffCall } from './staffCall';

/** Photos fetched at once: enough to fill a grid quickly without a burst of a whole class at the same moment. */
const PARALLEL = 4;

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** "Berg, Sanne van den" sorts under B: the core sends the sort name, the order is kept here too. */
export function dutchOrder(members: readonly GroupMember[]): GroupMember[] {
  return [...members].sort((a, b) => collator.compare(a.sortName, b.sortName) || a.number.localeCompare(b.number));
}

/**
 * A group's photo grid (smoelenboek). The list (audited) comes first, with names only; photos follow only after
 * "show photos", one `pupils.photo` call per pupil (each audited), and all are released when the grid closes.
 */
export const useGroupPhotosStore = defineStore('staffGroupPhotos', () => {
  const group = ref<string | null>(null);
  const members = ref<GroupMember[]>([]);
  const loading = ref(false);
  const error = ref<ShownError | null>(null);
  const photosShown = ref(false);
  /** Pupil number to object URL, for the photos on screen. */
  const photos = ref<Record<string, string>>({});
  const photoErrors = ref<Record<string, ShownError>>({});
  const done = ref(0);
  let generation = 0;

  const withPhoto = computed(() => members.value.filter((m) => m.photo === 'available'));
  const total = computed(() => withPhoto.value.length);
  const loadingPhotos = computed(() => photosShown.value && done.value < total.value);

  async function open(code: string): Promise<void> {
    close();
    const gen = generation;
    group.value = code;
    loading.value = true;
    const result = await staffCall('groups.members', { group: code });
    if (gen !== generation) return;
    loading.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    members.value = dutchOrder(result.value.pupils);
  }

  async function fetchOne(member: GroupMember, gen: number): Promise<void> {
    const result = await staffCall('pupils.photo', { number: member.number });
    if (gen !== generation || !photosShown.value) return;
    done.value += 1;
    if (!result.ok) {
      // Not this pupil's photo but every photo: said once for the grid, and the rest are not asked for.
      if (result.error.code === 'SECOND_FACTOR_REQUIRED') {
        error.value = shownError(result.error);
        photosShown.value = false;
        return;
      }
      photoErrors.value = { ...photoErrors.value, [member.number]: shownError(result.error) };
      return;
    }
    photos.value = { ...photos.value, [member.number]: createPhotoUrl(result.value.mime, result.value.base64) };
  }

  async function showPhotos(): Promise<void> {
    if (photosShown.value || members.value.length === 0) return;
    const gen = generation;
    photosShown.value = true;
    done.value = 0;
    const queue = [...withPhoto.value];
    const worker = async () => {
      for (let member = queue.shift(); member; member = queue.shift()) {
        if (gen !== generation || !photosShown.value) return;
        await fetchOne(member, gen);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }

  function hidePhotos() {
    generation += 1;
    for (const url of Object.values(photos.value)) releasePhotoUrl(url);
    photos.value = {};
    photoErrors.value = {};
    photosShown.value = false;
    done.value = 0;
  }

  function close() {
    hidePhotos();
    group.value = null;
    members.value = [];
    loading.value = false;
    error.value = null;
  }

  return {
    group, members, loading, error, photosShown, photos, photoErrors, done, total, loadingPhotos,
    open, showPhotos, hidePhotos, close, $reset: close,
  };
});
