import type { z } from 'zod';
import type { IcalFieldRule, IcalSourceConfig } from '@shared/settings';
import { type AdminPattern, compileAdminPattern, patternProblem } from '@shared/patterns/adminPattern';
import { SourceError } from '../source';

export type FieldRule = z.infer<typeof IcalFieldRule>;

/** What one event says, apart from its times (an iCal VEVENT, an Untis lesson's texts): the text the per-feed rules read codes from. */
export interface EventFacts {
  uid: string;
  summary: string;
  location: string;
  description: string;
  categories: string[];
  cancelled: boolean;
  sequence: number;
}

/*
 * iCalendar has no fields for room, teacher or group: feeds put them in LOCATION, SUMMARY, DESCRIPTION or
 * CATEGORIES, each vendor its own way. A rule names the property and, optionally, a pattern whose first group is
 * the value ("Docent: (\w+)"); every match counts, so a description listing two teachers gives both. A value
 * naming several codes separates them with commas or semicolons, as feeds list rooms ("B2.10, B2.11").
 */

const CODE_MAX = 40;
/** Upstream text is cut before an administrator's pattern runs on it (RE2's cost is linear in it). */
const TEXT_MAX = 2000;
const MATCHES_MAX = 20;

/** A code as the domain allows it: no control characters, single spaces, at most 40 characters. */
export function toCode(raw: string): string | null {
  let code = raw.replace(/[\s\u0000-\u001f\u007f]+/gu, ' ').trim();
  if (code.length > CODE_MAX) code = code.slice(0, CODE_MAX).trimEnd();
  if (/[\ud800-\udbff]$/.test(code)) code = code.slice(0, -1).trimEnd();
  return code === '' ? null : code;
}

function splitCodes(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(/[,;]/)) {
    const code = toCode(part);
    if (code !== null) out.push(code);
  }
  return out;
}

function textsOf(rule: FieldRule, facts: EventFacts): string[] {
  switch (rule.from) {
    case 'location': return [facts.location];
    case 'summary': return [facts.summary];
    case 'description': return [facts.description];
    case 'categories': return facts.categories;
  }
}

/**
 * What is wrong with a feed's rule patterns, naming the feed and the field; null when all can be used. Checked when
 * an administrator saves the source, so a pattern RE2 cannot run is refused there and then.
 */
export function rulePatternProblem(config: z.infer<typeof IcalSourceConfig>): string | null {
  for (const feed of config.feeds) {
    for (const what of ['room', 'subject', 'teacher', 'group'] as const) {
      const pattern = feed[what]?.pattern;
      const problem = pattern === undefined ? null : patternProblem(pattern);
      if (problem) return `Feed '${feed.name}': the ${what} pattern cannot be used: ${problem}.`;
    }
  }
  return null;
}

/** An administrator's pattern, compiled once (RE2: linear time); a broken one is a setting to fix, said in plain words. */
export class RuleSet {
  private readonly compiled = new Map<string, AdminPattern>();

  constructor(private readonly feedName: string) {}

  private regex(what: string, pattern: string): AdminPattern {
    let re = this.compiled.get(pattern);
    if (!re) {
      try {
        re = compileAdminPattern(pattern, { multiline: true });
      } catch (error) {
        throw new SourceError('INTERNAL', `Feed '${this.feedName}': the ${what} pattern "${pattern.slice(0, 60)}" cannot be used (${(error as Error).message}); fix it in the source settings.`);
      }
      this.compiled.set(pattern, re);
    }
    return re;
  }

  /** Throws now, before anything is fetched, when a pattern cannot be compiled. */
  check(rules: Record<string, FieldRule | undefined>): void {
    for (const [what, rule] of Object.entries(rules)) if (rule?.pattern !== undefined) this.regex(what, rule.pattern);
  }

  /** The codes a rule finds in an event, in order, without repeats, at most `max`. */
  codes(what: string, rule: FieldRule | undefined, facts: EventFacts, max: number): string[] {
    if (!rule) return [];
    const found = new Set<string>();
    for (const full of textsOf(rule, facts)) {
      const text = full.slice(0, TEXT_MAX);
      if (rule.pattern === undefined) {
        for (const code of splitCodes(text)) found.add(code);
        continue;
      }
      for (const value of this.regex(what, rule.pattern).all(text, MATCHES_MAX)) {
        for (const code of splitCodes(value)) found.add(code);
      }
    }
    return [...found].slice(0, max);
  }
}
