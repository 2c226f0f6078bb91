import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFleetScreen } from '../core/fleet/fleetScreen';
import { memoryLogger } from '../core/logger';
import { memorySecretStore } from '../core/secrets/secretStore';
import { useTempDirs } from '../core/testing/tempDir';

// The publisher's command line as an administrator uses it, against a real screen on the same fleet folder.
const tempDir = useTempDirs();
const root = join(import.meta.dirname, '..', '..');
const SCHOOL = 'gangbord-college';

/** Runs a publisher command without blocking this process: the screen under test keeps looking at the folder. */
function publisher(dataDir: string, folder: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const [command, ...rest] = args;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'publisher', 'cli.ts'), command!, '--data-dir', dataDir, '--folder', folder, '--school', SCHOOL, ...rest], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('npm run publisher', () => {
  it('publishes, lists a waiting screen, approves it, counts its acknowledgement of an alert, shows its health, and revokes it', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const published = await publisher(dataDir, folder, 'publish', '--once');
    expect(published.code, published.err).toBe(0);
    const publisherKey = /Publisher key: (\S{43})/.exec(published.out)![1]!;
    expect(published.out).toMatch(/full bundle \d+/);

    const log = memoryLogger();
    const screen = await startFleetScreen({
      config: { type: 'fleet', folder, school: SCHOOL, publisherKey }, secrets: memorySecretStore(), now: () => Date.now(), log,
      displayGroup: () => null, onAlerts: () => {}, rosterMs: 100, statusMs: 60_000,
      health: () => ({ version: '0.1.0', profile: 'gang', screenOn: true, dataAsOf: Date.now(), lastError: null }),
    });
    try {
      expect((await publisher(dataDir, folder, 'requests')).out).toContain(screen.screenId);
      expect((await publisher(dataDir, folder, 'approve', '--screen', 'scherm-onbekend', '--name', 'X')).code).toBe(2);
      const approved = await publisher(dataDir, folder, 'approve', '--screen', screen.screenId, '--name', 'Gang A', '--profile', 'gang');
      expect(approved.out).toContain('Approved');
      expect((await publisher(dataDir, folder, 'requests')).out).toContain('No screens are waiting.');

      // The screen takes the new roster and says so in its signed status.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await screen.writeStatus();
      const status = JSON.parse((await publisher(dataDir, folder, 'status')).out) as { id: string; health: string; status: { enrolled: boolean } }[];
      expect(status).toMatchObject([{ id: screen.screenId, health: 'green', status: { enrolled: true } }]);
      expect((await publisher(dataDir, folder, 'status', '--csv')).out).toMatch(new RegExp(`^"gangbord-college","${screen.screenId}","Gang A","green","false"`, 'm'));

      const alert = await publisher(dataDir, folder, 'alert', '--template', 'evacuation', '--drill', '--wait');
      expect(alert.out).toContain('1 of 1 screens show it');

      // A CAP 1.2 exercise from a file, sent as a drill; a file that is no CAP alert changes nothing and says why.
      const capFile = join(tempDir(), 'vru.xml');
      const expires = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, '+00:00');
      writeFileSync(capFile, `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>VRU-1</identifier><sender>vru@example.nl</sender>
        <status>Exercise</status><msgType>Alert</msgType><info><language>nl-NL</language><expires>${expires}</expires><headline>Brand in de buurt</headline></info></alert>`);
      const cap = await publisher(dataDir, folder, 'alert', '--cap', capFile, '--wait');
      expect(cap.out).toContain('CAP alert VRU-1 from vru@example.nl (exercise or test: shown as a drill)');
      expect(cap.out).toContain('Sent drill alert "Brand in de buurt"');
      expect(cap.out).toContain('1 of 1 screens show it');
      writeFileSync(capFile, '<rss/>');
      const refused = await publisher(dataDir, folder, 'alert', '--cap', capFile);
      expect([refused.code, refused.err]).toEqual([2, expect.stringContaining('not a CAP 1.2 alert')]);

      expect((await publisher(dataDir, folder, 'revoke', '--screen', screen.screenId)).out).toContain('Revoked');
      await new Promise((resolve) => setTimeout(resolve, 400));
      await screen.writeStatus();
      // Out of the roster: its status is no longer read, and it knows it is no longer enrolled (the first roster, from
      // the first publish, did not list it yet).
      expect(JSON.parse((await publisher(dataDir, folder, 'status')).out)).toEqual([]);
      expect(log.lines.filter((l) => l.event === 'fleet.roster').map((l) => l.fields?.enrolled)).toEqual([false, true, false]);
    } finally {
      screen.stop();
    }
  }, 120_000);
});
