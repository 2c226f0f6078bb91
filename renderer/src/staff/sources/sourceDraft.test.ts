import { describe, expect, it } from 'vitest';
// The real schema, which the page cannot load (zod trips its CSP) but a test can: the hand-made checks must agree with it.
import { SourceConfig } from '@shared/settings';
import { checkDraft, draftFrom, emptyFeed, portalName, type SourceDraft, toConfig, toSavedConfig } from './sourceDraft';

const configs: SourceConfig[] = [
  { type: 'demo', size: 'large' },
  { type: 'zermelo', portal: 'school', branch: 'hoofd', token: 'zermelo.token', weeks: 3 },
  { type: 'zermelo', portal: 'school', baseUrl: 'http://127.0.0.1:4000/api/v3', token: 'zermelo.token-2', weeks: 2 },
  { type: 'webuntis', server: 'nessa.webuntis.com', school: 'demo-school', username: 'gangbord', password: 'webuntis.password', weeks: 2 },
  {
    type: 'ical', weeks: 4, feeds: [
      { name: 'Hoofdgebouw', url: 'https://rooster.example.nl/hoofd.ics', room: { from: 'location' }, subject: { from: 'summary' }, daysOff: false },
      {
        name: 'Sporthal', urlSecret: 'ical.sporthal', room: { from: 'description', pattern: 'Lokaal: (\\S+)' }, subject: { from: 'summary' },
        teacher: { from: 'description', pattern: 'Docent: (\\w+)' }, group: { from: 'categories' }, daysOff: true,
      },
    ],
    teacherCodes: [{ name: 'Bouke Bruinsma', code: 'BRU' }, { name: 'Sanne van den Berg', code: 'BER' }],
  },
  { type: 'untis-gpu', folder: 'C:\\Untis\\Export', encoding: 'windows-1252', validFrom: '2026-08-31', weeks: 2 },
];

const SET = ['zermelo.token', 'zermelo.token-2', 'webuntis.password', 'ical.sporthal'];

function draftOf(type: SourceDraft['type'], edit: (d: SourceDraft) => void): SourceDraft {
  const d = draftFrom(null);
  d.type = type;
  edit(d);
  return d;
}

describe('the source form model', () => {
  it.each(configs)('gives back the configuration it was made from ($type)', (config) => {
    const draft = draftFrom(config);
    expect(checkDraft(draft, SET)).toEqual({});
    expect(toConfig(draft)).toEqual(config);
    expect(SourceConfig.parse(toConfig(draft))).toEqual(config);
  });

  it('saves the standard demo school as "no source", as a fresh install has it', () => {
    expect(draftFrom(null).type).toBe('demo');
    expect(toSavedConfig(draftFrom(null))).toBeNull();
    expect(toSavedConfig(draftFrom({ type: 'demo', size: 'small' }))).toEqual({ type: 'demo', size: 'small' });
  });

  it('keeps what was typed for one kind of source while another is chosen', () => {
    const d = draftFrom(null);
    d.type = 'zermelo';
    d.zermelo.portal = 'school';
    d.type = 'ical';
    d.type = 'zermelo';
    expect(d.zermelo.portal).toBe('school');
  });

  it('takes a Zermelo portal as a name, in capitals, or as the portal address', () => {
    expect(portalName(' School ')).toBe('school');
    expect(portalName('https://school.zportal.nl/')).toBe('school');
    expect(portalName('https://school.zportal.nl')).toBe('school');
    expect(portalName('school.example.nl')).toBe('school.example.nl');
  });

  it('says which fields are wrong, in the words of the schema', () => {
    expect(checkDraft(draftOf('zermelo', (d) => (d.zermelo.portal = 'school.example.nl')), SET)).toEqual({ 'zermelo.portal': { key: 'portal' } });
    expect(checkDraft(draftOf('zermelo', (d) => (d.zermelo.portal = '')), SET)).toEqual({ 'zermelo.portal': { key: 'required' } });
    expect(checkDraft(draftOf('zermelo', (d) => {
      d.zermelo.portal = 'school';
      d.zermelo.baseUrl = 'http://zermelo.example.nl/api';
    }), SET)).toEqual({ 'zermelo.baseUrl': { key: 'upstreamUrl' } });
    expect(checkDraft(draftOf('untis-gpu', (d) => {
      d.gpu.folder = '/srv/untis';
      d.gpu.validFrom = '2026-02-30';
    }), SET)).toEqual({ 'gpu.validFrom': { key: 'date' } });
    expect(checkDraft(draftOf('webuntis', (d) => Object.assign(d.webuntis, { server: 'nessa webuntis', school: 'x'.repeat(101), username: 'u' })), SET))
      .toEqual({ 'webuntis.server': { key: 'host' }, 'webuntis.school': { key: 'tooLong', params: { max: 100 } } });
  });

  it('asks for a Zermelo link at the koppelcode until a token is stored', () => {
    const d = draftOf('zermelo', (x) => (x.zermelo.portal = 'school'));
    expect(checkDraft(d, [])).toEqual({ 'zermelo.koppelcode': { key: 'notLinked' } });
    expect(checkDraft(d, ['zermelo.token'])).toEqual({});
  });

  it('wants a credential typed now or stored before, never shown', () => {
    const d = draftOf('webuntis', (x) => Object.assign(x.webuntis, { server: 'nessa.webuntis.com', school: 's', username: 'u' }));
    expect(checkDraft(d, [])).toEqual({ 'webuntis.password': { key: 'secretRequired' } });
    expect(checkDraft(d, ['webuntis.password'])).toEqual({});
    d.webuntis.password.value = 'geheim';
    expect(checkDraft(d, [])).toEqual({});
  });

  it('takes plain http for a feed only to this machine, and webcal links as private addresses', () => {
    const feed = emptyFeed('Rooster');
    const d = draftOf('ical', (x) => (x.ical.feeds = [feed]));
    for (const [url, ok] of [
      ['http://127.0.0.1:9/x.ics', true], ['https://rooster.example.nl/a.ics', true], ['http://localhost/a.ics', true],
      ['http://rooster.example.nl/a.ics', false], ['ftp://127.0.0.1/a.ics', false], ['rooster.ics', false],
    ] as const) {
      feed.url = url;
      const problems = checkDraft(d, []);
      expect(problems, url).toEqual(ok ? {} : { [`ical.feeds.${feed.key}.url`]: { key: 'upstreamUrl' } });
      // The hand-made check and the schema agree.
      expect(SourceConfig.safeParse(toConfig(d)).success, url).toBe(ok);
    }
    feed.private = true;
    feed.secret.value = 'webcal://rooster.example.nl/prive/abc123.ics';
    expect(checkDraft(d, [])).toEqual({});
    feed.secret.value = 'http://rooster.example.nl/prive/abc123.ics';
    expect(checkDraft(d, [])).toEqual({ [`ical.feeds.${feed.key}.secret`]: { key: 'feedAddress' } });
  });

  it('checks a feed rule pattern as a regular expression, only where the rule is used', () => {
    const feed = emptyFeed('Rooster');
    feed.url = 'https://rooster.example.nl/a.ics';
    feed.teacher = { from: 'description', pattern: 'Docent: (\\w+' };
    const d = draftOf('ical', (x) => (x.ical.feeds = [feed]));
    expect(checkDraft(d, [])).toEqual({ [`ical.feeds.${feed.key}.teacher`]: { key: 'pattern' } });
    feed.teacher.from = '';
    expect(checkDraft(d, [])).toEqual({});
    expect(toConfig(d)).toEqual({
      type: 'ical', weeks: 2, feeds: [{ name: 'Rooster', url: 'https://rooster.example.nl/a.ics', room: { from: 'location' }, subject: { from: 'summary' }, daysOff: false }], teacherCodes: [],
    });
  });

  it('checks a pattern as the core runs it (RE2): one JavaScript accepts but the sync could not run is refused here', () => {
    const feed = emptyFeed('Rooster');
    feed.url = 'https://rooster.example.nl/a.ics';
    const d = draftOf('ical', (x) => (x.ical.feeds = [feed]));
    for (const pattern of ['Docent: (?=\\w)(\\w+)', '(\\w)\\1']) {
      expect(() => new RegExp(pattern)).not.toThrow();
      feed.teacher = { from: 'description', pattern };
      expect(checkDraft(d, [])).toEqual({ [`ical.feeds.${feed.key}.teacher`]: { key: 'pattern' } });
    }
    feed.teacher = { from: 'description', pattern: 'Docent: (\\w+)' };
    expect(checkDraft(d, [])).toEqual({});
  });

  it('reads teacher codes one a line, and names the first line that is not "full name = code"', () => {
    const feed = emptyFeed('Rooster');
    feed.url = 'https://rooster.example.nl/a.ics';
    const d = draftOf('ical', (x) => {
      x.ical.feeds = [feed];
      x.ical.teacherCodes = 'Bouke  Bruinsma = BRU\n\nSanne van den Berg=BER\n';
    });
    expect(checkDraft(d, [])).toEqual({});
    expect(toConfig(d)).toMatchObject({ teacherCodes: [{ name: 'Bouke Bruinsma', code: 'BRU' }, { name: 'Sanne van den Berg', code: 'BER' }] });
    expect(SourceConfig.safeParse(toConfig(d)).success).toBe(true);
    for (const wrong of ['Bouke Bruinsma BRU', 'Bouke = BRU', 'Bouke Bruinsma = B R U', 'Bouke Bruinsma =']) {
      d.ical.teacherCodes = `Sanne van den Berg = BER\n${wrong}`;
      expect(checkDraft(d, []), wrong).toEqual({ 'ical.teacherCodes': { key: 'teacherCodeLine', params: { line: 2 } } });
    }
  });

  it('needs at least one feed, each with a name', () => {
    expect(checkDraft(draftOf('ical', (x) => (x.ical.feeds = [])), [])).toEqual({ 'ical.feeds': { key: 'noFeeds' } });
    const feed = emptyFeed('  ');
    feed.url = 'https://rooster.example.nl/a.ics';
    expect(checkDraft(draftOf('ical', (x) => (x.ical.feeds = [feed])), [])).toEqual({ [`ical.feeds.${feed.key}.name`]: { key: 'required' } });
  });

  it('trims what is typed before saving', () => {
    const d = draftOf('webuntis', (x) => Object.assign(x.webuntis, { server: ' nessa.webuntis.com ', school: ' s ', username: ' u ', baseUrl: '  ' }));
    expect(toConfig(d)).toEqual({ type: 'webuntis', server: 'nessa.webuntis.com', school: 's', username: 'u', password: 'webuntis.password', weeks: 2 });
  });
});
