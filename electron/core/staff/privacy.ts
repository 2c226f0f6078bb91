import type { AuditLog } from '../audit/auditLog';
import type { CacheDb } from '../db/open';
import type { Logger } from '../logger';
import { erasureHash } from '../db/erasureHash';
import type { Pupils } from './pupils';

/**
 * The rights of a pupil (AVG/GDPR): everything held about them, as one JSON document; and erasure of their photo
 * and personal data here, with only a hash of their number kept so later syncs leave them out.
 */
export function createPrivacy(cache: CacheDb, records: CacheDb, pupils: Pupils, audit: AuditLog, now: () => number, log: Logger) {
  return {
    export(number: string): string {
      const row = pupils.find(number);
      const photo = cache.prepare('SELECT mime, width, height, bytes FROM photos WHERE pupil_number = ?').get(row.number) as
        { mime: string; width: number; height: number; bytes: Buffer } | undefined;
      const document = {
        exportedAt: new Date(now()).toISOString(),
        pupil: { number: row.number, firstName: row.first_name, prefix: row.prefix, lastName: row.last_name, photoConsent: row.photo_consent === 1 },
        groups: pupils.groups(row),
        photo: photo ? { mime: photo.mime, width: photo.width, height: photo.height, base64: photo.bytes.toString('base64') } : null,
        // Who looked at this pupil's data, and when: part of what is held about them.
        views: audit.query({ pupil: row.number }, 10_000).entries.map((e) => ({ at: new Date(e.at).toISOString(), by: e.actor, what: e.action })),
      };
      return JSON.stringify(document, null, 2);
    },

    /**
     * Erases in one step what must go together (the rows, the hash that keeps her out of later syncs, the audit
     * entry), then reclaims the freed pages. Reclaiming is best effort: with secure_delete the deleted rows are
     * already overwritten, and VACUUM (which fails while another statement reads) only shrinks the file.
     */
    erase(number: string, actor: string): { erased: true; reclaimed: boolean } {
      const row = pupils.find(number);
      const secureDelete = cache.pragma('secure_delete', { simple: true }) as number;
      cache.pragma('secure_delete = ON');
      try {
        cache.transaction(() => {
          cache.prepare('DELETE FROM photos WHERE pupil_number = ?').run(row.number);
          cache.prepare('DELETE FROM group_members WHERE pupil_id = ?').run(row.id);
          cache.prepare('DELETE FROM pupils WHERE id = ?').run(row.id);
        }).immediate();
      } finally {
        cache.pragma(`secure_delete = ${['OFF', 'ON', 'FAST'][secureDelete] ?? 'OFF'}`);
      }
      records.prepare('INSERT OR REPLACE INTO erased_pupils (number_hash, erased_ms) VALUES (?, ?)').run(erasureHash(row.number), now());
      audit.append(actor, 'privacy.erase', row.number, 'photo and personal data erased; left out of later syncs');
      const attempt = (what: string, work: () => void) => {
        try {
          work();
          return true;
        } catch (error) {
          log.warn('privacy.reclaim-failed', { step: what, error });
          return false;
        }
      };
      const vacuumed = attempt('vacuum', () => cache.exec('VACUUM'));
      // The WAL holds copies of the pages as they were before the delete until it is checkpointed and truncated:
      // tried even when VACUUM could not run.
      const checkpointed = attempt('checkpoint', () => cache.pragma('wal_checkpoint(TRUNCATE)'));
      return { erased: true, reclaimed: vacuumed && checkpointed };
    },

    erasedHashes: (): string[] => records.prepare('SELECT number_hash FROM erased_pupils').pluck().all() as string[],
  };
}

export type Privacy = ReturnType<typeof createPrivacy>;
