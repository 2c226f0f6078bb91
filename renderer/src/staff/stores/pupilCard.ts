import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PupilCard } from '@shared/domain/staff';
import { createPhotoUrl, releasePhotoUrl } from '../photoUrls';
import { type ShownError, shownError, staffCall } from './staffCall';

export type PhotoView = 'hidden' | 'loading' | 'shown';

/**
 * One pupil's card (audited when opened). The photo is fetched only on an explicit "show photo" (audited again),
 * held as an object URL while it is on screen, and revoked when it is hidden or the card closes.
 */
export const usePupilCardStore = defineStore('staffPupilCard', () => {
  const number = ref<string | null>(null);
  const card = ref<PupilCard | null>(null);
  const loading = ref(false);
  const error = ref<ShownError | null>(null);
  const photoUrl = ref<string | null>(null);
  const photoView = ref<PhotoView>('hidden');
  const photoError = ref<ShownError | null>(null);
  /** Answers for a card that was closed meanwhile are dropped (and a late photo revoked at once). */
  let generation = 0;

  async function open(pupilNumber: string): Promise<void> {
    close();
    const gen = generation;
    number.value = pupilNumber;
    loading.value = true;
    const result = await staffCall('pupils.card', { number: pupilNumber });
    if (gen !== generation) return;
    loading.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    card.value = result.value;
  }

  async function showPhoto(): Promise<void> {
    if (!card.value || card.value.photo !== 'available' || photoView.value !== 'hidden') return;
    const gen = generation;
    photoView.value = 'loading';
    photoError.value = null;
    const result = await staffCall('pupils.photo', { number: card.value.pupil.number });
    if (gen !== generation || photoView.value !== 'loading') return;
    if (!result.ok) {
      photoView.value = 'hidden';
      photoError.value = shownError(result.error);
      return;
    }
    // The base64 text goes out of scope with `result`; only the object URL stays, and only while shown.
    photoUrl.value = createPhotoUrl(result.value.mime, result.value.base64);
    photoView.value = 'shown';
  }

  function hidePhoto() {
    releasePhotoUrl(photoUrl.value);
    photoUrl.value = null;
    photoView.value = 'hidden';
    photoError.value = null;
  }

  function close() {
    generation += 1;
    hidePhoto();
    number.value = null;
    card.value = null;
    loading.value = false;
    error.value = null;
  }

  return { number, card, loading, error, photoUrl, photoView, photoError, open, showPhoto, hidePhoto, close, $reset: close };
});
