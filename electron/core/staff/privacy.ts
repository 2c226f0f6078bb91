import type { AuditLog } from '../audit/auditLog';
import type { CacheDb } from '../db/open';
import { erasureHash } from './erasure';
import type { Pupils } from './pupils';

/**
 * The rights of a pupil (AVG/GDPR): everything held about them, as one JSON document; and erasure of their photo
 * and personal data here, with only a hash of their number kept so later syncs leave them out.
 */
export function createPrivacy(cache: CacheDb, records: CacheDb, pupils: Pupils, audit: AuditLog, now: () => number) {
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

    erase(number: string): boolean {
      const row = pupils.find(number);
      cache.transaction(() => {
        cache.prepare('DELETE FROM photos WHERE pupil_number = ?').run(row.number);
        cache.prepare('DELETE FROM group_members WHERE pupil_id = ?').run(row.id);
        cache.prepare('DELETE FROM pupils WHERE id = ?').run(row.id);
      }).immediate();
      records.prepare('INSERT OR REPLACE INTO erased_pupils (number_hash, erased_ms) VALUES (?, ?)').run(erasureHash(row.number), now());
      // Freed pages still hold the old bytes until overwritten: reclaim them.
      cache.exec('VACUUM');
      cache.pragma('wal_checkpoint(TRUNCATE)');
      return true;
    },

    erasedHashes: (): string[] => records.prepare('SELECT number_hash FROM erased_pupils').pluck().all() as string[],
  };
}

export type Privacy = ReturnType<typeof createPrivacy>;
