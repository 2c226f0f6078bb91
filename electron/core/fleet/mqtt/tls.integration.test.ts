import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../logger';
import { memorySecretStore } from '../../secrets/secretStore';
import { freePort } from '../../testing/freePort';
import { useTempDirs } from '../../testing/tempDir';
import { fleetFile, type FleetStore } from '../store/fleetStore';
import { isMqttStore, openFleetStore } from '../store/openFleetStore';
import { brokerToken, publisherUsername } from './brokerCredentials';
import { mosquittoAcl, mosquittoPasswordLine } from './mosquittoConfig';
import { makeTestCertificates, OPENSSL, type TestCertificates } from './testing/testCertificates';
import { MOSQUITTO, type RunningMosquitto, runMosquitto } from './testing/mosquittoProcess';
import { fleetTopics } from './topics';

// A board's broker on another machine (docs/fleet-mqtt.md, "TLS"): Mosquitto with a certificate its own CA signed,
// the fleet's connection checking it against the CA file its settings name. With another CA it does not connect (and
// says why), and the folder carries on; a CA file that cannot be read means the folder alone, never an unchecked link.
const SCHOOL = 'gangbord-college';
const tempDir = useTempDirs();
const missing = [!MOSQUITTO && 'mosquitto', !OPENSSL && 'openssl'].filter(Boolean).join(' and ');
let broker: RunningMosquitto | null = null;
const stores: FleetStore[] = [];
const certificates: TestCertificates[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await broker?.stop();
  broker = null;
  for (const c of certificates.splice(0)) rmSync(c.dir, { recursive: true, force: true });
});

describe.skipIf(missing !== '')(`the fleet's broker over TLS${missing ? ` (skipped: ${missing} not installed here; .ci/run installs them)` : ''}`, () => {
  it('connects only to a broker whose certificate the configured CA signed, and keeps to the folder otherwise', async () => {
    const board = makeTestCertificates('Schoolbestuur CA');
    const stranger = makeTestCertificates('Another CA');
    certificates.push(board, stranger);
    const secrets = memorySecretStore();
    const username = publisherUsername(SCHOOL);
    const token = await brokerToken(secrets);
    const files = tempDir();
    writeFileSync(join(files, 'passwords'), `${mosquittoPasswordLine(username, token)}\n`);
    writeFileSync(join(files, 'acl'), mosquittoAcl(fleetTopics('gangbord', SCHOOL), [{ username, role: { role: 'publisher' } }]));
    const port = await freePort();
    broker = await runMosquitto({ port, passwords: join(files, 'passwords'), acl: join(files, 'acl'), probe: { username, password: token }, tls: board });
    const open = async (caFile: string, log = memoryLogger()) => {
      const store = await openFleetStore({
        folder: tempDir(), school: SCHOOL, role: { role: 'publisher' }, username, secrets, log,
        mqtt: { url: `mqtts://localhost:${port}`, prefix: 'gangbord', caFile, embedded: false, keepaliveSeconds: 10, board: [] },
      });
      stores.push(store);
      return store;
    };

    const trusted = await open(board.caFile);
    expect(isMqttStore(trusted) && (await trusted.ready(5_000))).toBe(true);
    await trusted.write(fleetFile.roster, Buffer.from('GANGBORD-ENVELOPE 1 x\n{"seq":1}\n'));

    // A broker certificate from a CA the settings do not name: no connection, the reason in the log, and every file
    // still written to the folder.
    const log = memoryLogger();
    const wary = await open(stranger.caFile, log);
    expect(isMqttStore(wary) && (await wary.ready(2_000))).toBe(false);
    expect(isMqttStore(wary) && wary.connected()).toBe(false);
    const said = log.lines.filter((l) => l.event === 'fleet.mqtt-error').map((l) => String(l.fields?.reason));
    expect(said.join(' ')).toMatch(/certificate|self.signed|unable to verify/i);
    await wary.write(fleetFile.roster, Buffer.from('GANGBORD-ENVELOPE 1 x\n{"seq":2}\n'));
    expect((await wary.read(fleetFile.roster))?.toString()).toContain('"seq":2');

    // A CA file that cannot be read: the folder alone, and the log says so.
    const unreadLog = memoryLogger();
    const alone = await open(join(tempDir(), 'no-such-ca.crt'), unreadLog);
    expect(alone.kind).toBe('folder');
    expect(unreadLog.lines.some((l) => l.event === 'fleet.mqtt-ca-unreadable')).toBe(true);
  });
});
