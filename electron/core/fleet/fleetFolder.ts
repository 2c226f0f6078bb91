import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * The fleet folder (docs/fleet.md): a Windows share, a NAS or a cloud-synced folder that the publisher, the alert
 * senders and every screen can reach. No server: files only.
 *
 *   pub/roster.env                 the publisher: which screens and senders belong, which keys are revoked
 *   pub/bundle.env                 the publisher: what every screen shows (pupil-free)
 *   pub/delta.env                  the publisher: the lessons changed since that bundle
 *   pub/commands.env               the publisher: identify, reload, thumbnail, to some screens (ten minutes)
 *   pub/alerts/<sender key>.env    each alert sender: its latest alert (an all clear replaces it)
 *   screens/<screen id>/ack.env    each screen: the alerts it shows, signed with its own key
 *   screens/<screen id>/status.env each screen: its health
 *   screens/<screen id>/thumbnail.env each screen: a small PNG of what it shows (no pupil data is on a kiosk page)
 *   screens/<screen id>/request.json each screen: its enrolment request (its public key), not signed: approving
 *                                  it is comparing the fingerprint the screen shows
 *   pub/staff.env                  the publisher: the staff bundle, sealed for the enrolled staff PCs only
 *   pub/staff-delta.env            the publisher: what changed for staff PCs since that bundle, sealed the same way
 *   pub/staff-settings.env         the publisher: accounts and the school sign-in, sealed for the staff PCs
 *   staff/<pc id>/request.json     each staff PC: its enrolment request (signing key, sealing key bound to it)
 *   staff/<pc id>/audit/<n>.env    each staff PC: its audit entries, in chained batches signed with its own key
 *   senders/<key id>/broker.json   an alert sender with a broker: its broker password hash, signed with its key
 *
 * With a broker (docs/fleet-mqtt.md) the pub/ files and the screens' status and acknowledgements travel over it as
 * well; store/ reads and writes both.
 *
 * Every file is a signed envelope (envelope.ts), written whole under a temporary name and renamed into place, so a
 * reader sees the old file or the new one, never half of one.
 */

const SCREEN_ID = /^[a-z0-9][a-z0-9-]{2,62}$/;

export const isScreenId = (id: string) => SCREEN_ID.test(id);

export function assertScreenId(id: string): string {
  if (!SCREEN_ID.test(id)) throw new Error(`"${id}" is not a screen id (3 to 63 lower-case letters, digits and dashes)`);
  return id;
}

export const fleetPaths = (folder: string) => ({
  roster: join(folder, 'pub', 'roster.env'),
  bundle: join(folder, 'pub', 'bundle.env'),
  delta: join(folder, 'pub', 'delta.env'),
  commands: join(folder, 'pub', 'commands.env'),
  alerts: join(folder, 'pub', 'alerts'),
  alertOf: (senderKeyId: string) => join(folder, 'pub', 'alerts', `${senderKeyId}.env`),
  screens: join(folder, 'screens'),
  ackOf: (screenId: string) => join(folder, 'screens', assertScreenId(screenId), 'ack.env'),
  statusOf: (screenId: string) => join(folder, 'screens', assertScreenId(screenId), 'status.env'),
  requestOf: (screenId: string) => join(folder, 'screens', assertScreenId(screenId), 'request.json'),
  thumbnailOf: (screenId: string) => join(folder, 'screens', assertScreenId(screenId), 'thumbnail.env'),
  staffBundle: join(folder, 'pub', 'staff.env'),
  staffDelta: join(folder, 'pub', 'staff-delta.env'),
  staffSettings: join(folder, 'pub', 'staff-settings.env'),
  staffPcs: join(folder, 'staff'),
  staffRequestOf: (pcId: string) => join(folder, 'staff', assertScreenId(pcId), 'request.json'),
  auditOf: (pcId: string) => join(folder, 'staff', assertScreenId(pcId), 'audit'),
});

/** Writes `bytes` to `file` whole: a temporary file beside it, then a rename over it. */
export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The file's bytes, or null when it is not there (yet). Other errors (the share is gone) are thrown. */
export async function readIfThere(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The envelope files in a folder (temporary files of a write in progress left out), or none when it is not there. */
export async function envelopesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.env') && !name.startsWith('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
