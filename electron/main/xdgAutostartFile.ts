import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AutostartPlan, XDG_ENTRY_MARKER, XDG_ENTRY_NAME, xdgAutostartEntry } from '../core/kiosk/autostart';

// Writes or removes the Linux autostart entry that electron/core/kiosk/autostart.ts plans. No Electron import:
// unit-tested under Node against a temporary folder.

export type XdgOutcome = 'installed' | 'unchanged' | 'removed' | 'absent' | 'not ours';

export function writeXdgAutostart(plan: Extract<AutostartPlan, { kind: 'xdg-entry' }>, dir: string): { file: string; outcome: XdgOutcome } {
  const file = join(dir, XDG_ENTRY_NAME);
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (!plan.install) {
    if (existing === null) return { file, outcome: 'absent' };
    // Only our own entry: one an administrator wrote by hand under the same name stays.
    if (!existing.includes(XDG_ENTRY_MARKER)) return { file, outcome: 'not ours' };
    unlinkSync(file);
    return { file, outcome: 'removed' };
  }
  const contents = xdgAutostartEntry(plan.command);
  if (existing === contents) return { file, outcome: 'unchanged' };
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed into place: a session starting meanwhile never reads half an entry.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents, { mode: 0o644 });
  renameSync(temporary, file);
  return { file, outcome: 'installed' };
}
