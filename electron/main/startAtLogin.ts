import { homedir } from 'node:os';
import { app } from 'electron';
import { type AutostartPlan, xdgAutostartDir } from '../core/kiosk/autostart';
import type { Logger } from '../core/logger';
import { writeXdgAutostart } from './xdgAutostartFile';

function applyLoginItem(plan: Extract<AutostartPlan, { kind: 'login-item' }>, log: Logger): void {
  // `path` and `args` only on Windows, where they are also what the current entry is compared against.
  const where = plan.path === undefined ? {} : { path: plan.path, args: plan.args ?? [] };
  if (app.getLoginItemSettings(where).openAtLogin !== plan.openAtLogin) {
    app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, ...where });
  }
  const after = app.getLoginItemSettings(where);
  const fields = { openAtLogin: after.openAtLogin, ...(process.platform === 'darwin' ? { status: after.status } : {}) };
  // macOS 13 and later: the person at the machine must allow it once in System Settings, Login Items.
  if (plan.openAtLogin && (!after.openAtLogin || after.status === 'requires-approval')) log.warn('autostart.not-active', fields);
  else log.info('autostart.login-item', fields);
}

/** Carries out the start-at-login plan of electron/core/kiosk/autostart.ts. Never fails the start. */
export function applyStartAtLogin(plan: AutostartPlan, log: Logger, env: NodeJS.ProcessEnv = process.env): void {
  try {
    switch (plan.kind) {
      case 'leave':
        log.info('autostart.unchanged', { reason: plan.reason });
        return;
      case 'login-item':
        applyLoginItem(plan, log);
        return;
      case 'xdg-entry': {
        const { file, outcome } = writeXdgAutostart(plan, xdgAutostartDir(env, homedir()));
        if (outcome === 'not ours') log.warn('autostart.entry-not-ours', { file });
        else log.info('autostart.entry', { file, outcome, ...(plan.install ? { command: plan.command } : {}) });
      }
    }
  } catch (error) {
    log.warn('autostart.failed', { error });
  }
}
