import { addDays, instantAt } from '@shared/timetable/zonedTime';
import { checkSnapshot } from '../source';
import type { SourceContext, ConnectionStep } from '../source';
import { expandFeeds, type ParsedFeed } from './expandFeeds';
import { fetchFeed, fetchFeedIfChanged } from './fetchFeeds';
import type { HttpLimits } from './feedHttp';
import { connectionStep, failedStep } from '../common/connectionStep';
import { RuleSet } from '../common/fieldRules';
import type { IcalConfig } from './icalSource';
import { parseCalendar } from './parseCalendar';
import { syncWindow } from './syncWindow';
import { ICAL_SCHOOL_NAME, icalSnapshot } from './toSnapshot';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** Asks the feed again with what it said identifies this version: a 304 means unchanged syncs download nothing. */
async function conditionalSupport(feed: IcalConfig['feeds'][number], raw: { etag: string | null; lastModified: string | null }, ctx: SourceContext, limits: HttpLimits): Promise<string> {
  if (raw.etag === null && raw.lastModified === null) return 'no ETag or Last-Modified: every sync downloads the whole feed';
  try {
    const again = await fetchFeedIfChanged(feed, ctx, ctx.signal, limits, raw);
    return again === null ? 'answers "not modified" when unchanged: syncs download it only when it changed' : 'sends ETag or Last-Modified but not "not modified": every sync downloads the whole feed';
  } catch {
    return 'sends ETag or Last-Modified, but a conditional request failed: every sync downloads the whole feed';
  }
}

/**
 * "Test connection" for iCalendar: every feed on its own (so one broken feed does not hide how the others fare),
 * then the timetable they make together, checked as a sync would check it. Writes nothing.
 */
export async function icalTestSteps(config: IcalConfig, ctx: SourceContext, limits: HttpLimits): Promise<ConnectionStep[]> {
  const steps: ConnectionStep[] = [];
  const window = syncWindow(ctx.now, ctx.zone, config.weeks);
  const weekEnd = instantAt(addDays(window.from, 7), 0, ctx.zone);
  const parsed: ParsedFeed[] = [];

  for (const feed of config.feeds) {
    try {
      new RuleSet(feed.name).check({ room: feed.room, subject: feed.subject, teacher: feed.teacher, group: feed.group });
      const raw = await fetchFeed(feed, ctx, ctx.signal, limits);
      const calendar = parseCalendar(feed.name, raw.text);
      const one: ParsedFeed = { config: feed, parsed: calendar, bytes: raw.bytes };
      const { feeds, zones } = expandFeeds([one], ctx.zone, window);
      const expanded = feeds[0]!.expanded;
      const thisWeek = expanded.reduce((n, e) => n + e.timed.filter((o) => o.start < weekEnd && o.end > o.start).length, 0);
      const unreadable = expanded.reduce((n, e) => n + e.unreadable, 0) + calendar.unparsable;
      const notes = [`${plural(calendar.eventCount, 'event')}, ${count(thisWeek)} this week`];
      if (unreadable > 0) notes.push(`${plural(unreadable, 'event')} could not be read`);
      for (const tzid of zones.unknownTzids) notes.push(`time zone "${tzid}" is unknown, read as ${ctx.zone}`);
      notes.push(await conditionalSupport(feed, raw, ctx, limits));
      steps.push(connectionStep('feed', true, notes.join('; '), feed.name));
      parsed.push(one);
    } catch (error) {
      steps.push(failedStep('feed', error, feed.name));
    }
  }

  if (parsed.length === config.feeds.length) {
    try {
      const { feeds } = expandFeeds(parsed, ctx.zone, window);
      const { snapshot, stats } = icalSnapshot(feeds, {
        window,
        zone: ctx.zone,
        schoolName: ICAL_SCHOOL_NAME,
        daysOffCategory: config.daysOffCategory,
        teacherCodes: config.teacherCodes,
        scope: ctx.scope,
      });
      checkSnapshot(snapshot);
      // The days off by name and date, so a wrong one is seen here before it darkens a screen on a school day.
      const daysOff = snapshot.holidays.map((h) => `${h.name} (${h.from === h.to ? h.from : `${h.from} to ${h.to}`})`);
      const extra = [
        daysOff.length > 0 ? `${plural(daysOff.length, 'day off', 'days off')}: ${daysOff.slice(0, 8).join(', ')}${daysOff.length > 8 ? ', ...' : ''}` : 'no days off (mark the school calendar feed, or name its category, to have them)',
        stats.allDaySkipped > 0 ? `${plural(stats.allDaySkipped, 'all-day event')} left out` : '',
        stats.duplicates > 0 ? `${plural(stats.duplicates, 'lesson')} in more than one feed, kept once` : '',
        // Screens show these codes, never the names: the administrator sees them here and can set others.
        stats.teacherCodes.length > 0 ? `teachers named in full, shown on screens as: ${stats.teacherCodes.slice(0, 12).map((t) => `${t.name} = ${t.code}`).join(', ')}${stats.teacherCodes.length > 12 ? ', ...' : ''}` : '',
      ].filter(Boolean);
      steps.push(connectionStep('timetable', true,
        `${plural(stats.lessons, 'lesson')} in ${plural(snapshot.rooms.length, 'room')} from ${window.from} to ${window.to}${extra.length ? `; ${extra.join('; ')}` : ''}.`));
    } catch (error) {
      steps.push(failedStep('timetable', error));
    }
  }
  return steps;
}
