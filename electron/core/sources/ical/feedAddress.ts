import type { z } from 'zod';
import type { IcalFeedConfig } from '@shared/settings';
import { SourceError } from '../source';
import type { SourceContext } from '../source';

export type FeedConfig = z.infer<typeof IcalFeedConfig>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The same rule as the settings' UpstreamUrl: HTTPS, or plain HTTP to this machine only. Also for redirects. */
export function isAllowedAddress(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

/**
 * Where a feed is fetched from: its `url`, or the secret `urlSecret` names (tokenised WebUntis and Magister links
 * are credentials). Calendar apps hand out `webcal://` links; that is HTTPS by another name. Error messages name
 * the feed, never its address.
 */
export function feedAddress(feed: FeedConfig, ctx: Pick<SourceContext, 'secret'>): URL {
  let text = feed.url;
  if (text === undefined && feed.urlSecret !== undefined) {
    const secret = ctx.secret(feed.urlSecret);
    if (secret === null || secret.trim() === '') {
      throw new SourceError('UPSTREAM_AUTH', `Feed '${feed.name}': its address is kept as the secret '${feed.urlSecret}', which is not set on this machine.`);
    }
    text = secret.trim();
  }
  if (text === undefined) throw new SourceError('UPSTREAM_INVALID', `Feed '${feed.name}' has no address.`);
  let url: URL;
  try {
    url = new URL(text.replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw new SourceError('UPSTREAM_HTTP', `Feed '${feed.name}': its address is not a web address.`);
  }
  if (!isAllowedAddress(url)) {
    throw new SourceError('UPSTREAM_HTTP', `Feed '${feed.name}': its address must start with https:// (plain http only to this machine).`);
  }
  return url;
}
