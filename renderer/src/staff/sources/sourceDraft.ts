import type { SourceConfig } from '@shared/settings';
import { PATTERN_MAX, patternProblem } from '@shared/patterns/adminPattern';
import { formatTeacherCodes, parseTeacherCodes, teacherCodesProblem } from './teacherCodesText';

/*
 * The source form's model: what an administrator is editing, kept apart from the saved configuration. Each source
 * type keeps its own fields, so switching the type back and forth loses nothing typed. Its own checks say most
 * precisely what to type; the store then runs the shared zod schema too (schemaCheck.ts), and patterns go through
 * the core's RE2 check (shared/patterns), so the form and the save never disagree.
 */

/** What an administrator may choose here. A fleet source is set on a screen when it is mounted, never on a staff PC. */
export type SourceType = Exclude<SourceConfig['type'], 'fleet'>;
type Of<T extends SourceType> = Extract<SourceConfig, { type: T }>;
type IcalFeed = Of<'ical'>['feeds'][number];
export type RuleFrom = NonNullable<IcalFeed['teacher']>['from'];
export type DemoSize = Of<'demo'>['size'];
export type GpuEncoding = Of<'untis-gpu'>['encoding'];

export const SOURCE_TYPES: readonly SourceType[] = ['demo', 'zermelo', 'webuntis', 'ical', 'untis-gpu'];
export const DEMO_SIZES: readonly DemoSize[] = ['small', 'standard', 'large'];
export const GPU_ENCODINGS: readonly GpuEncoding[] = ['auto', 'utf-8', 'windows-1252'];
export const RULE_FROM: readonly RuleFrom[] = ['location', 'summary', 'description', 'categories'];
export const RULE_FIELDS = ['room', 'subject', 'teacher', 'group'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const WEEKS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export const DEFAULT_ZERMELO_TOKEN = 'zermelo.token';
export const DEFAULT_WEBUNTIS_PASSWORD = 'webuntis.password';

/** A credential field: the name it is (or will be) stored under, and what was typed until it is stored. */
export interface SecretDraft {
  name: string | null;
  /** Cleared as soon as the value is stored: the page never keeps a credential longer than that. */
  value: string;
}

/** Where a feed puts one fact; `from: ''` means the feed does not say it (teacher and group only). */
export interface RuleDraft {
  from: RuleFrom | '';
  pattern: string;
}

export interface FeedDraft {
  /** Stable while the form is open, for list keys, element ids and problem paths. */
  key: number;
  name: string;
  /** The address is a credential (a tokenised link), kept as a secret rather than in the settings. */
  private: boolean;
  url: string;
  secret: SecretDraft;
  room: RuleDraft;
  subject: RuleDraft;
  teacher: RuleDraft;
  group: RuleDraft;
  /** The school's calendar of holidays and study days: its all-day events are days off. */
  daysOff: boolean;
}

export interface SourceDraft {
  type: SourceType;
  demo: { size: DemoSize };
  zermelo: { portal: string; baseUrl: string; branch: string; token: string; weeks: number };
  webuntis: { server: string; school: string; username: string; password: SecretDraft; baseUrl: string; weeks: number };
  /** `daysOffCategory`: all-day events with this category are days off, in any feed ('' for none). */
  ical: { feeds: FeedDraft[]; weeks: number; daysOffCategory: string; teacherCodes: string };
  gpu: { folder: string; encoding: GpuEncoding; validFrom: string; weeks: number };
}

/** A field's problem: a message key under `sources.problems` and its parameters. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}
/** Problems by field path: `zermelo.portal`, `ical.feeds.3.url` (3 is the feed's key, not its place). */
export type Problems = Record<string, Problem>;

let nextFeedKey = 1;

export function emptyFeed(name = ''): FeedDraft {
  return {
    key: nextFeedKey++, name, private: false, url: '', secret: { name: null, value: '' },
    room: { from: 'location', pattern: '' }, subject: { from: 'summary', pattern: '' },
    teacher: { from: '', pattern: '' }, group: { from: '', pattern: '' }, daysOff: false,
  };
}

export function emptyDraft(): SourceDraft {
  return {
    type: 'demo',
    demo: { size: 'standard' },
    zermelo: { portal: '', baseUrl: '', branch: '', token: DEFAULT_ZERMELO_TOKEN, weeks: 2 },
    webuntis: { server: '', school: '', username: '', password: { name: DEFAULT_WEBUNTIS_PASSWORD, value: '' }, baseUrl: '', weeks: 2 },
    ical: { feeds: [emptyFeed()], weeks: 2, daysOffCategory: '', teacherCodes: '' },
    gpu: { folder: '', encoding: 'auto', validFrom: '', weeks: 2 },
  };
}

const ruleDraft = (rule: IcalFeed['teacher']): RuleDraft => ({ from: rule?.from ?? '', pattern: rule?.pattern ?? '' });

/** The form for a saved configuration (null: the demo school). */
export function draftFrom(config: SourceConfig | null): SourceDraft {
  const draft = emptyDraft();
  // A fleet screen's source has no form: a staff PC that once was a fleet screen starts from the demo school.
  if (config === null || config.type === 'fleet') return draft;
  draft.type = config.type;
  switch (config.type) {
    case 'demo':
      draft.demo = { size: config.size };
      break;
    case 'zermelo':
      draft.zermelo = { portal: config.portal, baseUrl: config.baseUrl ?? '', branch: config.branch ?? '', token: config.token, weeks: config.weeks };
      break;
    case 'webuntis':
      draft.webuntis = {
        server: config.server, school: config.school, username: config.username, password: { name: config.password, value: '' },
        baseUrl: config.baseUrl ?? '', weeks: config.weeks,
      };
      break;
    case 'ical':
      draft.ical = {
        weeks: config.weeks,
        daysOffCategory: config.daysOffCategory ?? '',
        teacherCodes: formatTeacherCodes(config.teacherCodes),
        feeds: config.feeds.map((f) => ({
          ...emptyFeed(f.name),
          private: f.urlSecret !== undefined,
          url: f.url ?? '',
          secret: { name: f.urlSecret ?? null, value: '' },
          room: ruleDraft(f.room),
          subject: ruleDraft(f.subject),
          teacher: ruleDraft(f.teacher),
          group: ruleDraft(f.group),
          daysOff: f.daysOff,
        })),
      };
      break;
    case 'untis-gpu':
      draft.gpu = { folder: config.folder, encoding: config.encoding, validFrom: config.validFrom ?? '', weeks: config.weeks };
      break;
  }
  return draft;
}

/** A draft as text without the list keys, to tell whether anything was changed since it was loaded. */
export function draftFingerprint(draft: SourceDraft): string {
  return JSON.stringify(draft, (k, v: unknown) => (k === 'key' ? undefined : v));
}

// ---- Checks, as shared/settings.ts has them ----

const UPSTREAM = /^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$))/i;
const PORTAL = /^[a-z0-9-]{2,63}$/;
const HOST = /^[a-z0-9.-]+$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isWebAddress(text: string): boolean {
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}

/** HTTPS, or plain HTTP to this machine only: the settings' UpstreamUrl. */
export const isUpstreamUrl = (text: string) => isWebAddress(text) && UPSTREAM.test(text);

/** A private feed address may also be a calendar app's webcal:// link, which the connector reads as HTTPS. */
export const isFeedAddress = (text: string) => isUpstreamUrl(text.replace(/^webcals?:\/\//i, 'https://'));

function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * "school", "School" or "https://school.zportal.nl/...": the portal name the settings want. Anything else is
 * returned trimmed, for the check to refuse.
 */
export function portalName(text: string): string {
  const t = text.trim().toLowerCase();
  const fromAddress = /^https?:\/\/([a-z0-9-]+)\.zportal\.nl(\/|$)/.exec(t);
  return fromAddress ? fromAddress[1]! : t;
}

class Checker {
  readonly problems: Problems = {};

  add(path: string, key: string, params?: Problem['params']) {
    this.problems[path] ??= params ? { key, params } : { key };
  }

  text(path: string, value: string, max: number, required = true): string {
    const t = value.trim();
    if (t === '') {
      if (required) this.add(path, 'required');
    } else if (t.length > max) {
      this.add(path, 'tooLong', { max });
    }
    return t;
  }

  upstream(path: string, value: string) {
    const t = value.trim();
    if (t !== '' && !isUpstreamUrl(t)) this.add(path, 'upstreamUrl');
  }

  /** A credential must be typed now or already stored. */
  secret(path: string, secret: SecretDraft, secretsSet: readonly string[], check?: (value: string) => string | null) {
    const typed = secret.value.trim();
    if (typed === '') {
      if (secret.name === null || !secretsSet.includes(secret.name)) this.add(path, 'secretRequired');
      return;
    }
    if (typed.length > 4000) this.add(path, 'tooLong', { max: 4000 });
    const problem = check?.(typed);
    if (problem) this.add(path, problem);
  }

  rule(path: string, rule: RuleDraft) {
    if (rule.from === '' || rule.pattern === '') return;
    // The core's own check (RE2, as the sync runs it), so a pattern the form accepts is one the save accepts.
    if (rule.pattern.length > PATTERN_MAX) this.add(path, 'tooLong', { max: PATTERN_MAX });
    else if (patternProblem(rule.pattern) !== null) this.add(path, 'pattern');
  }
}

/** What is wrong with the draft, by field; empty when the core should accept it. */
export function checkDraft(draft: SourceDraft, secretsSet: readonly string[]): Problems {
  const c = new Checker();
  switch (draft.type) {
    case 'demo':
      break;
    case 'zermelo': {
      const z = draft.zermelo;
      const portal = portalName(z.portal);
      if (portal === '') c.add('zermelo.portal', 'required');
      else if (!PORTAL.test(portal)) c.add('zermelo.portal', 'portal');
      c.upstream('zermelo.baseUrl', z.baseUrl);
      c.text('zermelo.branch', z.branch, 40, false);
      // Shown at the koppelcode, where it is put right.
      if (!secretsSet.includes(z.token)) c.add('zermelo.koppelcode', 'notLinked');
      break;
    }
    case 'webuntis': {
      const w = draft.webuntis;
      const server = c.text('webuntis.server', w.server, 253);
      if (server !== '' && !HOST.test(server)) c.add('webuntis.server', 'host');
      c.text('webuntis.school', w.school, 100);
      c.text('webuntis.username', w.username, 100);
      c.secret('webuntis.password', w.password, secretsSet);
      c.upstream('webuntis.baseUrl', w.baseUrl);
      break;
    }
    case 'ical': {
      const feeds = draft.ical.feeds;
      if (feeds.length === 0) c.add('ical.feeds', 'noFeeds');
      if (feeds.length > 500) c.add('ical.feeds', 'tooMany', { max: 500 });
      for (const f of feeds) {
        const at = `ical.feeds.${f.key}`;
        c.text(`${at}.name`, f.name, 80);
        if (f.private) {
          c.secret(`${at}.secret`, f.secret, secretsSet, (v) => (isFeedAddress(v) ? null : 'feedAddress'));
        } else {
          const url = c.text(`${at}.url`, f.url, 2000);
          if (url !== '' && !isUpstreamUrl(url)) c.add(`${at}.url`, 'upstreamUrl');
        }
        for (const field of RULE_FIELDS) c.rule(`${at}.${field}`, f[field]);
      }
      const line = teacherCodesProblem(draft.ical.teacherCodes);
      if (line !== null) c.add('ical.teacherCodes', 'teacherCodeLine', { line });
      break;
    }
    case 'untis-gpu': {
      const g = draft.gpu;
      c.text('gpu.folder', g.folder, 500);
      const from = g.validFrom.trim();
      if (from !== '' && !isRealDate(from)) c.add('gpu.validFrom', 'date');
      break;
    }
  }
  return c.problems;
}

// ---- From the draft to a configuration ----

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

function rule(draft: RuleDraft): IcalFeed['teacher'] {
  if (draft.from === '') return undefined;
  return draft.pattern === '' ? { from: draft.from } : { from: draft.from, pattern: draft.pattern };
}

function feedConfig(f: FeedDraft): IcalFeed {
  const address = f.private ? { urlSecret: f.secret.name ?? '' } : { url: f.url.trim() };
  const feed: IcalFeed = {
    name: f.name.trim(), ...address,
    room: rule(f.room) ?? { from: 'location' }, subject: rule(f.subject) ?? { from: 'summary' }, daysOff: f.daysOff,
  };
  const teacher = rule(f.teacher);
  const group = rule(f.group);
  if (teacher) feed.teacher = teacher;
  if (group) feed.group = group;
  return feed;
}

/** Drops the keys whose value is undefined: the core's schemas are strict and the JSON should be plain. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The configuration a checked draft stands for. Credentials must be stored first: a typed secret is referred to
 * by the name it was stored under.
 */
export function toConfig(draft: SourceDraft): SourceConfig {
  switch (draft.type) {
    case 'demo':
      return { type: 'demo', size: draft.demo.size };
    case 'zermelo': {
      const z = draft.zermelo;
      return defined({
        type: 'zermelo', portal: portalName(z.portal), baseUrl: optional(z.baseUrl), branch: optional(z.branch), token: z.token, weeks: z.weeks,
      });
    }
    case 'webuntis': {
      const w = draft.webuntis;
      return defined({
        type: 'webuntis', server: w.server.trim(), school: w.school.trim(), username: w.username.trim(),
        password: w.password.name ?? DEFAULT_WEBUNTIS_PASSWORD, baseUrl: optional(w.baseUrl), weeks: w.weeks,
      });
    }
    case 'ical':
      return {
        type: 'ical', feeds: draft.ical.feeds.map(feedConfig), weeks: draft.ical.weeks,
        ...(optional(draft.ical.daysOffCategory) ? { daysOffCategory: optional(draft.ical.daysOffCategory) } : {}),
        teacherCodes: parseTeacherCodes(draft.ical.teacherCodes),
      };
    case 'untis-gpu': {
      const g = draft.gpu;
      return defined({ type: 'untis-gpu', folder: g.folder.trim(), encoding: g.encoding, validFrom: optional(g.validFrom), weeks: g.weeks });
    }
  }
}

/** What `sources.set` is given: the standard demo school is "no source configured". */
export function toSavedConfig(draft: SourceDraft): SourceConfig | null {
  const config = toConfig(draft);
  return config.type === 'demo' && config.size === 'standard' ? null : config;
}
