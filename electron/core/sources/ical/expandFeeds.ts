import { addDays } from '@shared/timetable/zonedTime';
import { SourceError } from '../source';
import type { FeedConfig } from './feedAddress';
import { expandCalendar, type ExpandRange } from './occurrences';
import type { ParsedCalendar } from './parseCalendar';
import type { SyncWindow } from './syncWindow';
import type { ExpandedFeed } from './toSnapshot';
import { ZoneResolver } from './zones';

export interface ParsedFeed {
  config: FeedConfig;
  parsed: ParsedCalendar;
  bytes: number;
}

/** Holidays reach further than lessons: operating hours look two months ahead, the door sign three weeks. */
const HOLIDAYS_BEFORE_DAYS = 31;
const HOLIDAYS_AFTER_DAYS = 366;

export function expandRange(window: SyncWindow): ExpandRange {
  return {
    from: window.fromMs,
    to: window.toMs,
    fromDate: addDays(window.from, -HOLIDAYS_BEFORE_DAYS),
    toDate: addDays(window.to, HOLIDAYS_AFTER_DAYS),
  };
}

/**
 * Each feed's calendars expanded over the window. A feed with events of which not one could be read is refused
 * as a whole: that is a feed in a shape Gangbord misunderstands, not a quiet week.
 */
export function expandFeeds(feeds: readonly ParsedFeed[], zone: string, window: SyncWindow): { feeds: ExpandedFeed[]; zones: ZoneResolver } {
  const zones = new ZoneResolver(zone);
  const range = expandRange(window);
  const out: ExpandedFeed[] = [];
  for (const feed of feeds) {
    const expanded = feed.parsed.calendars.map((calendar) => expandCalendar(calendar, zones, range));
    const events = expanded.reduce((n, e) => n + e.events, 0) + feed.parsed.unparsable;
    const unreadable = expanded.reduce((n, e) => n + e.unreadable, 0) + feed.parsed.unparsable;
    if (events > 0 && unreadable >= events) {
      throw new SourceError('UPSTREAM_INVALID', `Feed '${feed.config.name}': none of its ${events} events could be read (their dates or repeat rules are not valid iCalendar).`);
    }
    out.push({ config: feed.config, expanded });
  }
  return { feeds: out, zones };
}
