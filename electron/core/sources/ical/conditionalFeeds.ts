import { z } from 'zod';
import type { SourceContext } from '../source';
import { readStoredCursor } from '../common/storedCursor';
import type { FeedConfig } from './feedAddress';
import type { HttpLimits } from './feedHttp';
import { fetchFeeds, type RawFeed } from './fetchFeeds';
import type { SyncWindow } from './syncWindow';

/*
 * Conditional requests (docs/upstream-formats.md, iCalendar): each feed's ETag and Last-Modified are kept in the
 * connector's cursor with the sync window they were read for. The next sync in the same window asks every feed
 * "changed since?"; when none has, nothing is downloaded and the sync counts as done with the data kept. When some
 * have, all are fetched whole (the timetable is rebuilt from every feed), so a 304 never leaves a feed unread.
 */

const IcalCursor = z.object({
  window: z.string(),
  feeds: z.array(z.object({ name: z.string(), etag: z.string().nullable(), lastModified: z.string().nullable() })),
});

const windowKey = (w: SyncWindow) => `${w.from}/${w.to}`;

export function icalCursor(window: SyncWindow, feeds: readonly RawFeed[]): string {
  return JSON.stringify({ window: windowKey(window), feeds: feeds.map((f) => ({ name: f.name, etag: f.etag, lastModified: f.lastModified })) });
}

/** The feeds, or null when every one answered 304 to a conditional request. */
export async function fetchChangedFeeds(
  feeds: readonly FeedConfig[],
  ctx: SourceContext,
  window: SyncWindow,
  limits: HttpLimits,
  concurrency: number,
): Promise<RawFeed[] | null> {
  const last = readStoredCursor(IcalCursor, ctx.cursor);
  const usable =
    last &&
    last.window === windowKey(window) &&
    last.feeds.length === feeds.length &&
    last.feeds.every((f, i) => f.name === feeds[i]!.name && (f.etag !== null || f.lastModified !== null));
  if (usable) {
    const answers = await fetchFeeds(feeds, ctx, limits, concurrency, last.feeds);
    if (answers.every((a) => a === null)) return null;
    if (answers.every((a) => a !== null)) return answers as RawFeed[];
  }
  return fetchFeeds(feeds, ctx, limits, concurrency);
}
