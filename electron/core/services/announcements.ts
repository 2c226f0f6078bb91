import type { CurrentAnnouncements } from '@shared/contract';
import type { Announcement } from '@shared/domain';
import { splitCodes } from '../db/codes';
import type { CacheDb } from '../db/open';

interface AnnouncementRow { id: string; title: string; body: string; start_ms: number; end_ms: number; audience: string; priority: number; emergency: number }

const fromRow = (r: AnnouncementRow): Announcement => ({
  id: r.id,
  title: r.title,
  body: r.body,
  start: r.start_ms,
  end: r.end_ms,
  audience: splitCodes(r.audience),
  priority: r.priority,
  emergency: r.emergency === 1,
});

/** Emergencies reach every screen, whatever their audience; others go to every screen or to their display groups. */
const meantFor = (displayGroup: string | undefined) => (a: Announcement) =>
  a.emergency || a.audience.length === 0 || (displayGroup !== undefined && a.audience.includes(displayGroup));

const order = (a: Announcement, b: Announcement) =>
  Number(b.emergency) - Number(a.emergency) || b.priority - a.priority || a.start - b.start || a.id.localeCompare(b.id);

/**
 * Announcements showing at `at` for a display group, from the cache (synced from upstream) and from the
 * provisioning file; emergencies first, then by priority. Also when that picture changes next.
 */
export function currentAnnouncements(db: CacheDb, extra: readonly Announcement[], at: number, displayGroup: string | undefined): CurrentAnnouncements {
  const rows = db.prepare('SELECT id, title, body, start_ms, end_ms, audience, priority, emergency FROM announcements WHERE end_ms > ?').all(at) as AnnouncementRow[];
  const relevant = [...rows.map(fromRow), ...extra.filter((a) => a.end > at)].filter(meantFor(displayGroup));
  let changesAt: number | null = null;
  for (const a of relevant) for (const t of [a.start, a.end]) if (t > at && (changesAt === null || t < changesAt)) changesAt = t;
  return { announcements: relevant.filter((a) => a.start <= at).sort(order), changesAt };
}
