import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { XDG_ENTRY_NAME, xdgAutostartEntry } from '../core/kiosk/autostart';
import { writeXdgAutostart } from './xdgAutostartFile';

describe('writeXdgAutostart', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gangbord-autostart-'));
    dirs.push(dir);
    return join(dir, 'config', 'autostart');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder and the entry, and leaves it alone while it is current', () => {
    const dir = tempDir();
    const plan = { kind: 'xdg-entry', install: true, command: ['/opt/Gangbord/gangbord'] } as const;
    expect(writeXdgAutostart(plan, dir)).toEqual({ file: join(dir, XDG_ENTRY_NAME), outcome: 'installed' });
    expect(readFileSync(join(dir, XDG_ENTRY_NAME), 'utf8')).toBe(xdgAutostartEntry(['/opt/Gangbord/gangbord']));
    expect(writeXdgAutostart(plan, dir).outcome).toBe('unchanged');
    // A moved installation rewrites it.
    expect(writeXdgAutostart({ ...plan, command: ['/opt/Gangbord2/gangbord'] }, dir).outcome).toBe('installed');
    expect(readFileSync(join(dir, XDG_ENTRY_NAME), 'utf8')).toContain('Exec="/opt/Gangbord2/gangbord"');
  });

  it('removes only its own entry', () => {
    const dir = tempDir();
    expect(writeXdgAutostart({ kind: 'xdg-entry', install: false }, dir).outcome).toBe('absent');
    writeXdgAutostart({ kind: 'xdg-entry', install: true, command: ['/opt/Gangbord/gangbord'] }, dir);
    expect(writeXdgAutostart({ kind: 'xdg-entry', install: false }, dir).outcome).toBe('removed');
    expect(existsSync(join(dir, XDG_ENTRY_NAME))).toBe(false);

    writeXdgAutostart({ kind: 'xdg-entry', install: true, command: ['/x'] }, dir);
    writeFileSync(join(dir, XDG_ENTRY_NAME), '[Desktop Entry]\nType=Application\nName=Gangbord\nExec=/usr/local/bin/our-wrapper\n');
    expect(writeXdgAutostart({ kind: 'xdg-entry', install: false }, dir).outcome).toBe('not ours');
    expect(existsSync(join(dir, XDG_ENTRY_NAME))).toBe(true);
  });
});
