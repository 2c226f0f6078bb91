import { mapWithLimit } from '../common/http';
import type { SourceContext } from '../source';
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
export async function fetchFeeds(
  feeds: readonly FeedConfig[],
  ctx: SourceContext,
  limits: HttpLimits,
  concurrency: number,
  since: readonly FeedValidators[],
): Promise<(RawFeed | null)[]>;
/** With `since` (one per feed), conditional requests: a feed that did not change comes back as null. */
export async function fetchFeeds(
  feeds: readonly FeedConfig[],
  ctx: SourceContext,
  limits: HttpLimits,
  concurrency: number,
  since?: readonly FeedValidators[],
): Promise<(RawFeed | null)[]> {
  let done = 0;
  ctx.progress('fetching feeds', 0, feeds.length);
  // The connectors' one pool: on the first failure nothing new starts and the feeds in flight are stopped.
  return mapWithLimit(feeds, concurrency, ctx.signal, async (feed, i, signal) => {
    const result = since ? await fetchFeedIfChanged(feed, ctx, signal, limits, since[i]!) : await fetchFeed(feed, ctx, signal, limits);
    ctx.progress('fetching feeds', ++done, feeds.length);
    return result;
  });
}
