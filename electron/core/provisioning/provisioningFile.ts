import { readFileSync, statSync } from 'node:fs';
import { Provisioning } from '@shared/provisioning';
import type { Logger } from '../logger';

export class ProvisioningError extends Error {}

/** Reads and checks a provisioning file; a bad file is an error that names what is wrong, and changes nothing. */
export function readProvisioning(file: string): Provisioning {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ProvisioningError(`The provisioning file ${file} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProvisioningError(`The provisioning file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Provisioning.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new ProvisioningError(`The provisioning file ${file} was not applied: ${issues}`);
  }
  return parsed.data;
}

/** Says which announcements of a file were left out and why (the rest were applied). */
export function logRefusedAnnouncements(file: string, p: Provisioning, log: Logger): void {
  for (const r of p.refusedAnnouncements) log.warn('provisioning.announcement-refused', { file, index: r.index, id: r.id, reason: r.reason });
}

/**
 * Watches the file by polling its modification time (fs.watch misses changes on network shares, where such files
 * usually live) and calls `onChange` with each new valid version. A broken version is logged and skipped; the last
 * good one stays in force.
 */
export function watchProvisioning(file: string, log: Logger, onChange: (p: Provisioning) => void, intervalMs = 2000): () => void {
  // Compared with the time read here, at the start, by a poll of our own: fs.watchFile takes its first look a moment
  // later, and a file written in between would never count as changed. Polling also works on shares without events.
  let lastSeen = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const look = () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    } catch {
      return; // a share that is away for a moment: look again at the next tick, keeping what applies now
    }
    if (mtimeMs === 0 || mtimeMs === lastSeen) return;
    lastSeen = mtimeMs;
    try {
      const p = readProvisioning(file);
      onChange(p);
      logRefusedAnnouncements(file, p, log);
      log.info('provisioning.applied', { file });
    } catch (error) {
      log.error('provisioning.rejected', { file, reason: (error as Error).message });
    }
  };
  const timer = setInterval(look, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
