import { z } from 'zod';
import type { IcalSourceConfig } from '@shared/settings';
import { SourceError } from '../source';
import type { Source, SourceContext, SyncPayload } from '../source';
import { fetchChangedFeeds, icalCursor } from './conditionalFeeds';
import { expandFeeds, type ParsedFeed } from './expandFeeds';
import { RuleSet } from '../common/fieldRules';
import type { HttpLimits } from './feedHttp';
import { parseCalendar } from './parseCalendar';
import { syncWindow } from './syncWindow';
import { icalTestSteps } from './connectionSteps';
import { ICAL_SCHOOL_NAME, icalSnapshot } from './toSnapshot';

export type IcalConfig = z.infer<typeof IcalSourceConfig>;

export interface IcalSourceOptions {
  /** Per feed, for the whole exchange. Default 30 s. */
  timeoutMs?: number;
  /** Per feed. Default 20 MB: a year of lessons for a whole school is a few MB. */
  maxBytes?: number;
  /** Feeds fetched at once. Default 4. */
  concurrency?: number;
}

export interface IcalParsed {
  feeds: ParsedFeed[];
  /** Every feed answered 304: nothing to rebuild (conditionalFeeds.ts). */
  unchanged: boolean;
  /** The cursor to keep: each feed's validators, for the next sync's conditional requests. */
  cursor: string | null;
}

const RawFeeds = z.union([
  z
    .object({
      feeds: z.array(
        z.object({ name: z.string(), text: z.string(), bytes: z.number(), etag: z.string().nullable(), lastModified: z.string().nullable() }).strict(),
      ),
      cursor: z.string(),
    })
    .strict(),
  z.object({ unchanged: z.literal(true) }).strict(),
]);

/** The configured rules' patterns compile, or the administrator hears which one does not. */
function checkRules(config: IcalConfig): void {
  for (const feed of config.feeds) new RuleSet(feed.name).check({ room: feed.room, subject: feed.subject, teacher: feed.teacher, group: feed.group });
}

/**
 * iCalendar feeds (WebUntis, Magister, Google, Outlook ...) as one timetable: fetched over HTTPS, parsed by
 * ical.js, expanded over the sync window, merged and de-duplicated, with room, subject, teacher and group taken
 * where each feed's rules say.
 */
export function createIcalSource(config: IcalConfig, options: IcalSourceOptions = {}): Source<IcalParsed> {
  const limits: HttpLimits = { timeoutMs: options.timeoutMs ?? 30_000, maxBytes: options.maxBytes ?? 20 * 1_048_576 };
  const concurrency = options.concurrency ?? 4;

  const source: Source<IcalParsed> = {
    id: config.type,

    async fetch(ctx: SourceContext): Promise<unknown> {
      checkRules(config);
      const window = syncWindow(ctx.now, ctx.zone, config.weeks);
      const feeds = await fetchChangedFeeds(config.feeds, ctx, window, limits, concurrency);
      return feeds === null ? { unchanged: true } : { feeds, cursor: icalCursor(window, feeds) };
    },

    validate(raw: unknown): IcalParsed {
      const shape = RawFeeds.safeParse(raw);
      if (shape.success && 'unchanged' in shape.data) return { feeds: [], unchanged: true, cursor: null };
      const fetched = shape.success && 'feeds' in shape.data ? shape.data : null;
      if (!fetched || fetched.feeds.length !== config.feeds.length) {
        throw new SourceError('UPSTREAM_INVALID', 'The iCalendar connector received something other than the feeds it fetched.');
      }
      return {
        unchanged: false,
        cursor: fetched.cursor,
        feeds: fetched.feeds.map((feed, i) => {
          const feedConfig = config.feeds[i]!;
          return { config: feedConfig, parsed: parseCalendar(feedConfig.name, feed.text), bytes: feed.bytes };
        }),
      };
    },

    normalise(parsed: IcalParsed, ctx: SourceContext): SyncPayload {
      // Every feed as it was: the cached timetable stands, and the sync counts as a success.
      if (parsed.unchanged) return { kind: 'unchanged' };
      const window = syncWindow(ctx.now, ctx.zone, config.weeks);
      const { feeds } = expandFeeds(parsed.feeds, ctx.zone, window);
      ctx.progress('reading feeds', feeds.length, feeds.length);
      const options = {
        window,
        zone: ctx.zone,
        schoolName: ICAL_SCHOOL_NAME,
        daysOffCategory: config.daysOffCategory,
        teacherCodes: config.teacherCodes,
        scope: ctx.scope,
      };
      return { ...icalSnapshot(feeds, options).snapshot, cursor: parsed.cursor };
    },

    test: (ctx) => icalTestSteps(config, ctx, limits),
  };
  return source;
}
