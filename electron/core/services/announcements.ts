import type { Announcement } from '../../../shared/domain';
import { splitCodes } from '../db/codes';
import type { CacheDb } from '../db/open';

interface AnnouncementRow { id: string; title: string; body: string; start_ms: number; end_ms: number; audience: string; priority: number; emergency: number }

/** Announcements showing at `at` for a display group (or every screen), emergencies first, then by priority. */
export function currentAnnouncements(db: CacheDb, at: number, displayGroup: string | undefined): Announcement[] {
  const rows = db.prepare(`SELECT id, title, body, start_ms, end_ms, audience, priority, emergency FROM announcements
    WHERE start_ms <= ? AND end_ms > ? ORDER BY emergency DESC, priority DESC, start_ms, id`).all(at, at) as AnnouncementRow[];
  return rows
    .map((r): Announcement => ({
      id: r.id, title: r.title, body: r.body, start: r.start_ms, end: r.end_ms,
      audience: splitCodes(r.audience), priority: r.priority, emergency: r.emergency === 1,
    }))
    // An emergency reaches every screen, whatever its audience.
    .filter((a) => a.emergency || a.audience.length === 0 || (displayGroup !== undefined && a.audience.includes(displayGroup)));
}
