import { releaseAllPhotoUrls } from '../photoUrls';
import { useAccountImportStore } from './accountImport';
import { useAccountsStore } from './accounts';
import { useAuditStore } from './audit';
import { useFreeRoomsStore } from './freeRooms';
import { useGroupPhotosStore } from './groupPhotos';
import { useMyAccountStore } from './myAccount';
import { useNavigationStore } from './navigation';
import { usePhotoImportStore } from './photoImport';
import { usePrivacyStore } from './privacy';
import { usePupilCardStore } from './pupilCard';
import { useSearchStore } from './search';
import { useSourcesStore } from './sources';
import { useTimetableStore } from './timetable';

/**
 * Forgets everything a signed-in staff member saw: every staff store back to its start, every photo URL revoked.
 * The auth store is left to the caller, which decides what the sign-in screen says.
 */
export function resetStaffStores(): void {
  for (const useStore of [
    useSearchStore, usePupilCardStore, useGroupPhotosStore, useTimetableStore, useFreeRoomsStore, useAccountsStore,
    useAccountImportStore, useAuditStore, usePhotoImportStore, usePrivacyStore, useMyAccountStore, useSourcesStore, useNavigationStore,
  ]) useStore().$reset();
  releaseAllPhotoUrls();
}
