import type { AppMode } from '@shared/contract';
import { originOf } from './appOrigin';

// Which downloads a window may start. No Electron import: unit-tested under Node.

/** The exports the staff pages offer: the audit log as CSV, a pupil's data as JSON (renderer/src/staff/download.ts). */
const EXPORT_NAME = /^gangbord-[\w.-]{1,80}\.(csv|json)$/;

/**
 * A staff window may save the files its own pages made (a blob: URL of the app's origin, named as our exports are
 * named), after the administrator chose where in the save dialog. Anything else, and anything on a kiosk, is
 * refused: no page can make Gangbord fetch and store a file from elsewhere.
 */
export function downloadAllowed(mode: AppMode, url: string, fileName: string, appOrigin: string): boolean {
  if (mode !== 'staff' || !url.startsWith('blob:')) return false;
  return originOf(url.slice('blob:'.length)) === appOrigin && EXPORT_NAME.test(fileName);
}
