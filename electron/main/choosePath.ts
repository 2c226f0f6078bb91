import { BrowserWindow, dialog, type WebContents } from 'electron';
import { type Caller, calls, type Result } from '@shared/contract';
import type { Core } from '../core/app.types';

/**
 * The operating system's own dialog for the photo import's folder or ZIP file. The core's gate runs first, as for
 * every call: its schema and role check, then its answer that only the desktop app has a dialog (UNAVAILABLE). Any
 * other answer (a teacher's window, bad input) is passed on, and no dialog opens.
 */
export async function choosePath(core: Core, caller: Caller, sender: WebContents, input: unknown): Promise<Result<unknown>> {
  const gate = await core.dispatch(caller, 'host.choosePath', input);
  if (gate.ok || gate.error.code !== 'UNAVAILABLE') return gate;
  const { kind } = calls['host.choosePath'].input.parse(input);
  const options: Electron.OpenDialogOptions = kind === 'zip'
    ? { properties: ['openFile'], filters: [{ name: 'ZIP', extensions: ['zip'] }] }
    : { properties: ['openDirectory'] };
  const win = BrowserWindow.fromWebContents(sender);
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return { ok: true, value: { path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) } };
}
