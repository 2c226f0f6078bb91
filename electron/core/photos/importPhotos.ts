import { CallFailure } from '../api/callFailure';
import type { ImportPhotos } from './types';

// Replaced by the real importer (folder and ZIP, checked and re-encoded with sharp) in this same change.
export const importPhotos: ImportPhotos = async () => {
  throw new CallFailure('UNAVAILABLE', 'Photo import is not available in this build.');
};
