import { Menu } from 'electron';
import type { AppMode } from '@shared/contract';

/**
 * No application menu on a kiosk: Electron's default one carries reload, developer tools and close shortcuts.
 * A staff window needs none on Windows and Linux; on macOS it needs the Edit menu, without which copy and paste
 * do not work in text fields, and the app menu for Quit.
 */
export function setAppMenu(mode: AppMode): void {
  if (mode === 'staff' && process.platform === 'darwin') {
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]));
  } else {
    Menu.setApplicationMenu(null);
  }
}
