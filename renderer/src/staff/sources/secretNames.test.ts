import { describe, expect, it } from 'vitest';
import { feedSecretRoot, namesForTyped, secretFieldsOf, secretNamesOf, spareSecretName, zermeloTokenName } from './secretNames';
import { draftFrom, emptyFeed } from './sourceDraft';

describe('names for stored credentials', () => {
  it('never overwrites a credential the saved source still uses: two names take turns', () => {
    const saved = { type: 'webuntis' as const, server: 'nessa.webuntis.com', school: 's', username: 'u', password: 'webuntis.password', weeks: 2 };
    const draft = draftFrom(saved);
    draft.webuntis.password.value = 'nieuw wachtwoord';
    const [name] = [...namesForTyped(draft, saved).values()];
    expect(name).toBe('webuntis.password-2');

    const next = { ...saved, password: 'webuntis.password-2' };
    const again = draftFrom(next);
    again.webuntis.password.value = 'nog een';
    expect([...namesForTyped(again, next).values()]).toEqual(['webuntis.password']);
  });

  it('keeps the name of a credential that was only stored for a test (not used by the saved source)', () => {
    const draft = draftFrom(null);
    draft.type = 'webuntis';
    draft.webuntis.password = { name: 'webuntis.password-2', value: 'opnieuw' };
    expect([...namesForTyped(draft, { type: 'webuntis', server: 'a', school: 's', username: 'u', password: 'webuntis.password', weeks: 2 }).values()])
      .toEqual(['webuntis.password-2']);
  });

  it('gives each private feed its own name, from the feed name, apart from each other', () => {
    const draft = draftFrom(null);
    draft.type = 'ical';
    const a = { ...emptyFeed('Rooster Hoofdgebouw'), private: true, secret: { name: null, value: 'https://a.example/1' } };
    const b = { ...emptyFeed('Rooster  hoofdgebouw!'), private: true, secret: { name: null, value: 'https://a.example/2' } };
    const plain = { ...emptyFeed('Open'), url: 'https://a.example/open.ics' };
    const kept = { ...emptyFeed('Sporthal'), private: true, secret: { name: 'ical.rooster-hoofdgebouw-3', value: '' } };
    draft.ical.feeds = [a, b, plain, kept];
    expect(secretFieldsOf(draft).map((f) => f.path)).toEqual([`ical.feeds.${a.key}.secret`, `ical.feeds.${b.key}.secret`, `ical.feeds.${kept.key}.secret`]);
    expect([...namesForTyped(draft, null).values()]).toEqual(['ical.rooster-hoofdgebouw', 'ical.rooster-hoofdgebouw-2']);
  });

  it('makes names the settings accept', () => {
    expect(feedSecretRoot('Privé rooster ÉÉN')).toBe('ical.prive-rooster-een');
    expect(feedSecretRoot('!!!')).toBe('ical.feed');
    const long = spareSecretName(feedSecretRoot('x'.repeat(200)), new Set());
    expect(long).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
    expect(spareSecretName('a'.repeat(80), new Set(['a'.repeat(60)]))).toMatch(/^[a-z0-9][a-z0-9._-]{0,63}$/);
  });

  it('puts a new Zermelo link beside the token the saved source uses', () => {
    const saved = { type: 'zermelo' as const, portal: 'school', token: 'zermelo.token', weeks: 2 };
    expect(zermeloTokenName(draftFrom(saved), saved)).toBe('zermelo.token-2');
    expect(zermeloTokenName(draftFrom(null), null)).toBe('zermelo.token');
    expect(secretNamesOf(saved)).toEqual(['zermelo.token']);
  });
});
