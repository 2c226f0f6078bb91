import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { callChannel, type CallName, callNames, eventChannel, fail, type Result } from '@shared/contract';
import type { Core } from '../core/app.types';
import type { Logger } from '../core/logger';
import { checkSender, type SenderFacts } from './senderCheck';
import { choosePath } from './choosePath';
import { createSchoolSignInLoopback } from './schoolSignInLoopback';
import { createStaffSessions } from './staffSessions';
import type { AppWindows } from './windows';

function senderFacts(event: IpcMainInvokeEvent, windows: AppWindows): SenderFacts {
  // Read at once: senderFrame turns null once the frame navigates or goes away.
  const frame = event.senderFrame;
  let facts: SenderFacts['frame'] = null;
  if (frame && !frame.isDestroyed()) facts = { url: frame.url, isMainFrame: frame.parent === null };
  return { frame: facts, windowMode: windows.modeOf(event.sender) };
}

/**
 * Binds every call in the contract to `ipcMain.handle`: the sender is checked here (our page, top frame, one of
 * our windows, and a kiosk window only for kiosk calls); input validation and the role check are the core's
 * dispatcher, the same gate the web host uses. Answers are always envelopes, never thrown errors (Electron would
 * pass on only a thrown error's message). Core events go to every open window.
 */
export function bindIpc(core: Core, windows: AppWindows, appOrigin: string, log: Logger): () => void {
  const staffSessions = createStaffSessions();
  const schoolSignIn = createSchoolSignInLoopback(core, log);
  const tracked = new Set<number>();
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event, input: unknown): Promise<Result<unknown>> => {
      const facts = senderFacts(event, windows);
      const id = event.sender.id;
      if (facts.windowMode === 'staff' && !tracked.has(id)) {
        // A window's sign-in ends with the window (and with a crashed renderer: the page starts over at sign-in).
        tracked.add(id);
        event.sender.once('destroyed', () => (staffSessions.forget(id), tracked.delete(id)));
        event.sender.on('render-process-gone', () => staffSessions.forget(id));
      }
      const verdict = checkSender(facts, appOrigin, name as CallName, facts.windowMode === 'staff' ? staffSessions.slotFor(id) : undefined);
      if (!verdict.ok) {
        log.warn('ipc.refused', { call: name, reason: verdict.reason });
        return verdict.code === 'FORBIDDEN'
          ? fail('FORBIDDEN', `"${name}" is not available on a kiosk.`)
          : fail('BAD_SENDER', "This call did not come from Gangbord's own page.");
      }
      try {
        // The window is the client that wrong passwords and PINs are throttled by (docs/security-accounts.md §3).
        const caller = { ...verdict.caller, client: `window-${id}` };
        // The school's sign-in comes back to a listener of the main process, never to the page's own address.
        if (name === 'auth.schoolSignInStart') return await schoolSignIn.start(caller, event.sender);
        // The file dialog is the desktop app's own; the core checks the role first (a teacher gets no dialog).
        if (name === 'host.choosePath') return await choosePath(core, caller, event.sender, input);
        return await core.dispatch(caller, name, input);
      } catch (error) {
        log.error('ipc.dispatch-threw', { call: name, error });
        return fail('INTERNAL', 'Something went wrong inside Gangbord; the log has details.');
      }
    });
  }

  const unsubscribe = core.subscribe((name, payload) => {
    for (const win of windows.live()) {
      if (!win.webContents.isDestroyed()) win.webContents.send(eventChannel(name), payload);
    }
  });

  return () => {
    unsubscribe();
    schoolSignIn.stop();
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}
