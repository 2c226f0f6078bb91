import type { SourceContext } from '../../snapshot';
import { feedAddress, type FeedConfig } from './feedAddress';
import { type FeedValidators, getFeed, type HttpLimits, NOT_MODIFIED } from './feedHttp';

export interface RawFeed extends FeedValidators {
  name: string;
  text: string;
  bytes: number;
}

export async function fetchFeed(feed: FeedConfig, ctx: Pick<SourceContext, 'secret'>, signal: AbortSignal, limits: HttpLimits): Promise<RawFeed> {
  const body = await getFeed(feedAddress(feed, ctx), feed.name, signal, limits);
  return { name: feed.name, text: body.text, bytes: body.bytes, etag: body.etag, lastModified: body.lastModified };
}

/** A conditional fetch: null when the server says the feed did not change since `since`. */
export async function fetchFeedIfChanged(feed: FeedConfig, ctx: Pick<SourceContext, 'secret'>, signal: AbortSignal, limits: HttpLimits, since: FeedValidators): Promise<RawFeed | null> {
  const body = await getFeed(feedAddress(feed, ctx), feed.name, signal, limits, since);
  if (body === NOT_MODIFIED) return null;
  return { name: feed.name, text: body.text, bytes: body.bytes, etag: body.etag, lastModified: body.lastModified };
}

/**
 * All feeds, a few at a time (a school with a feed per room has dozens). The first failure stops the rest and
 * fails the sync: a timetable missing one room's feed would empty that room's door sign, so it is better to keep
 * the cached one whole.
 */
export async function fetchFeeds(feeds: readonly FeedConfig[], ctx: SourceContext, limits: HttpLimits, concurrency: number): Promise<RawFeed[]>;
export async function fetchFeeds(feeds: readonly FeedConfig[], ctx: SourceContext, limits: HttpLimits, concurrency: number, since: readonly FeedValidators[]): Promise<(RawFeed | null)[]>;
/** With `since` (one per feed), conditional requests: a feed that did not change comes back as null. */
export async function fetchFeeds(feeds: readonly FeedConfig[], ctx: SourceContext, limits: HttpLimits, concurrency: number, since?: readonly FeedValidators[]): Promise<(RawFeed | null)[]> {
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  const results: (RawFeed | null)[] = [];
  let next = 0;
  let done = 0;
  let failed: { error: unknown } | null = null;
  ctx.progress('fetching feeds', 0, feeds.length);

  const worker = async () => {
    while (failed === null) {
      const i = next++;
      const feed = feeds[i];
      if (feed === undefined) return;
      try {
        results[i] = since ? await fetchFeedIfChanged(feed, ctx, signal, limits, since[i]!) : await fetchFeed(feed, ctx, signal, limits);
        ctx.progress('fetching feeds', ++done, feeds.length);
      } catch (error) {
        if (failed === null) {
          failed = { error };
          stop.abort();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, feeds.length)) }, worker));
  if (failed !== null) throw (failed as { error: unknown }).error;
  return results;
}
