import { describe, expect, it } from 'vitest';
import staffEn from '../staff/i18n/en';
import staffNl from '../staff/i18n/nl';
import kioskEn from './en';
import kioskNl from './nl';
// The table itself, as the docs hold it (Vite's ?raw import: the renderer tests read no files themselves).
import glossaryText from '../../../docs/glossary.md?raw';

/** Every message of a dictionary, as one string each. */
const messages = (dictionary: object): string[] =>
  Object.values(dictionary).flatMap((value: unknown) => (typeof value === 'string' ? [value] : messages(value as object)));

const terms = (cell: string) => cell.split(';').map((t) => t.trim()).filter((t) => t !== '');

/** The rows of docs/glossary.md: the rule lives in the docs, where a school reads it; this test holds the UI to it. */
function glossary() {
  const rows = glossaryText.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Concept') && !line.startsWith('|---'));
  return rows.map((line) => {
    const [concept, nl, notNl, en, notEn] = line.split('|').slice(1, -1).map((c) => c.trim());
    return { concept: concept!, nl: terms(nl!), notNl: terms(notNl!), en: terms(en!), notEn: terms(notEn!) };
  });
}

/** A whole word (or phrase), any case: "Leraar" is not hidden inside "Lerarenkamer", and vice versa. */
const usesWord = (text: string, word: string) => new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu').test(text);

const sides = {
  nl: { kiosk: messages(kioskNl), staff: messages(staffNl) },
  en: { kiosk: messages(kioskEn), staff: messages(staffEn) },
};

describe('the glossary (docs/glossary.md)', () => {
  const rows = glossary();

  it('has the terms the screens and the staff page share', () => {
    expect(rows.map((r) => r.nl[0])).toEqual(expect.arrayContaining(['Straks', 'Vervalt', 'Invaller', 'Lokaal', 'Docent', 'Inloggen', 'centrale pc']));
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`no ${lang === 'nl' ? 'Dutch' : 'English'} message uses a word the glossary rules out`, () => {
      const all = [...sides[lang].kiosk, ...sides[lang].staff];
      const found = rows.flatMap((row) => (lang === 'nl' ? row.notNl : row.notEn).flatMap((word) =>
        all.filter((m) => usesWord(m, word)).map((m) => `"${word}" (use "${(lang === 'nl' ? row.nl : row.en).join(' / ')}") in: ${m}`)));
      expect(found).toEqual([]);
    });

    it(`every ${lang === 'nl' ? 'Dutch' : 'English'} term of the glossary is in use, so the table stays true`, () => {
      const all = [...sides[lang].kiosk, ...sides[lang].staff];
      const unused = rows.flatMap((row) => (lang === 'nl' ? row.nl : row.en).filter((word) => !all.some((m) => usesWord(m, word))));
      expect(unused).toEqual([]);
    });
  }

  it('the kiosk and the staff page call the next lesson the same', () => {
    expect(kioskNl.board.next).toBe('Straks');
    expect([staffNl.card.next, staffNl.timetable.next]).toEqual(['Straks', 'Straks']);
    expect([staffEn.card.next, staffEn.timetable.next]).toEqual([kioskEn.board.next, kioskEn.board.next]);
  });
});
