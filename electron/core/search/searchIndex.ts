import type { SearchHit, SearchKind } from '@shared/domain';
import { displayName } from '@shared/domain';
import type { CacheDb } from '../db/open';
import { dutchSortName, fold, words } from './normalise';

interface Entry {
  hit: SearchHit;
  /** Folded code (pupil number, abbreviation, room ...): an exact match ranks first. */
  code: string;
  /** Folded words a query word may start. */
  words: string[];
  /** Folded words that rank a match higher when a query word starts one of them (a last name, a code). */
  primary: string[];
  sortKey: string;
}

const KIND_ORDER: Record<SearchKind, number> = { pupil: 0, teacher: 1, group: 2, room: 3, subject: 4 };
/**
 * Search is for finding someone, not for reading the school's list (docs/security-accounts.md §4): pupils show only
 * for a query that could identify one, and one query shows at most this many.
 */
export const MAX_PUPIL_HITS = 20;
/** A number typed in part finds pupils from this many digits on; a shorter one only the pupil with that number. */
const MIN_NUMBER_PREFIX = 5;

type PupilRule = 'any' | 'exact-number' | 'none';

/**
 * Which pupils a query may show: a name part of three letters or more in a query of four characters or more
 * ("berg", "sa berg"); a name part of two letters with a group code ("4m1 sa"); five digits or more of a number;
 * or a whole pupil number. Anything shorter lists nobody, so no run of two-letter queries reads out the school.
 */
function pupilRule(terms: readonly string[], groupCodes: ReadonlySet<string>): PupilRule {
  const typed = terms.join('');
  if (/^\d+$/.test(typed)) return typed.length >= MIN_NUMBER_PREFIX ? 'any' : 'exact-number';
  const nameParts = terms.filter((t) => !groupCodes.has(t) && /^\p{L}/u.test(t));
  if (typed.length >= 4 && nameParts.some((t) => t.length >= 3)) return 'any';
  if (terms.some((t) => groupCodes.has(t)) && nameParts.some((t) => t.length >= 2)) return 'any';
  return 'none';
}
const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

function buildEntries(db: CacheDb): Entry[] {
  const entries: Entry[] = [];
  const classOf = new Map<number, string[]>();
  for (const m of db.prepare('SELECT pupil_id, group_code FROM group_members ORDER BY group_code').iterate() as IterableIterator<{ pupil_id: number; group_code: string }>) {
    const list = classOf.get(m.pupil_id) ?? [];
    list.push(m.group_code);
    classOf.set(m.pupil_id, list);
  }
  const classGroups = new Set((db.prepare("SELECT code FROM groups WHERE kind = 'class'").pluck().all() as string[]));
  for (const p of db.prepare('SELECT id, number, first_name, prefix, last_name FROM pupils').iterate() as IterableIterator<{ id: number; number: string; first_name: string; prefix: string | null; last_name: string }>) {
    const groups = classOf.get(p.id) ?? [];
    const name = { firstName: p.first_name, prefix: p.prefix, lastName: p.last_name };
    const last = words(p.last_name);
    entries.push({
      hit: { kind: 'pupil', code: p.number, label: displayName(name), detail: [groups.find((g) => classGroups.has(g)) ?? groups[0] ?? '', p.number].filter(Boolean).join(' · ') },
      code: p.number,
      // Their groups too, so "4m1 sa" (a class and two letters of a name) finds Sanne in 4M1.
      words: [...words(p.first_name), ...words(p.prefix ?? ''), ...last, p.number, p.number.replace(/^0+/, ''), ...groups.map(fold)],
      primary: [...last, p.number],
      sortKey: fold(dutchSortName(p.first_name, p.prefix, p.last_name)),
    });
  }
  for (const t of db.prepare('SELECT code, first_name, prefix, last_name FROM teachers').iterate() as IterableIterator<{ code: string; first_name: string | null; prefix: string | null; last_name: string | null }>) {
    const named = t.first_name && t.last_name ? { firstName: t.first_name, prefix: t.prefix, lastName: t.last_name } : null;
    entries.push({
      hit: { kind: 'teacher', code: t.code, label: named ? displayName(named) : t.code, detail: t.code },
      code: fold(t.code),
      words: [fold(t.code), ...(named ? [...words(named.firstName), ...words(named.prefix ?? ''), ...words(named.lastName)] : [])],
      primary: [fold(t.code), ...(named ? words(named.lastName) : [])],
      sortKey: named ? fold(dutchSortName(named.firstName, named.prefix, named.lastName)) : fold(t.code),
    });
  }
  for (const g of db.prepare('SELECT code, name, kind FROM groups').iterate() as IterableIterator<{ code: string; name: string; kind: string }>) {
    entries.push({ hit: { kind: 'group', code: g.code, label: g.code, detail: g.kind === 'class' ? 'klas' : g.name }, code: fold(g.code), words: [fold(g.code), ...words(g.name)], primary: [fold(g.code)], sortKey: fold(g.code) });
  }
  for (const r of db.prepare('SELECT code, name, building, floor FROM rooms').iterate() as IterableIterator<{ code: string; name: string; building: string; floor: number | null }>) {
    entries.push({
      hit: { kind: 'room', code: r.code, label: r.code, detail: [r.name, r.building && `gebouw ${r.building}`, r.floor !== null ? `verdieping ${r.floor}` : ''].filter(Boolean).join(' · ') },
      code: fold(r.code), words: [fold(r.code), ...words(r.name)], primary: [fold(r.code)], sortKey: fold(r.code),
    });
  }
  for (const s of db.prepare('SELECT code, name FROM subjects').iterate() as IterableIterator<{ code: string; name: string }>) {
    entries.push({ hit: { kind: 'subject', code: s.code, label: s.name || s.code, detail: s.code }, code: fold(s.code), words: [fold(s.code), ...words(s.name)], primary: [fold(s.code)], sortKey: fold(s.name || s.code) });
  }
  return entries;
}

/**
 * Search as you type over everything a staff member looks up. Built in memory from the cache once per sync; each
 * keystroke is then a scan of a few thousand short word lists, well under a millisecond.
 *   - every query word must start some word of the entry ("van den Berg", "Berg" and "berg s" all find Sanne);
 *   - an exact code (pupil number, abbreviation, room, group) comes first, then matches on a last name or code,
 *     then the rest, each in Dutch order (under the last name without its tussenvoegsel).
 */
export function createSearchIndex(db: CacheDb) {
  let entries: Entry[] | null = null;
  let groupCodes: Set<string> = new Set();
  return {
    invalidate() {
      entries = null;
    },
    query(text: string, limit: number): SearchHit[] {
      // Built in result order (kind, then Dutch name order), so a query only has to bucket matches by score.
      if (!entries) {
        entries = buildEntries(db).sort((a, b) => KIND_ORDER[a.hit.kind] - KIND_ORDER[b.hit.kind] || collator.compare(a.sortKey, b.sortKey));
        groupCodes = new Set(entries.filter((e) => e.hit.kind === 'group').map((e) => e.code));
      }
      const folded = fold(text.trim());
      const terms = words(folded);
      if (terms.length === 0) return [];
      const buckets = new Map<number, SearchHit[]>();
      const pupils = pupilRule(terms, groupCodes);
      for (const entry of entries) {
        if (entry.hit.kind === 'pupil' && (pupils === 'none' || (pupils === 'exact-number' && entry.code !== folded.replace(/^0+/, '') && entry.code !== folded))) continue;
        let score = 0;
        let all = true;
        for (const term of terms) {
          if (entry.primary.some((w) => w.startsWith(term))) score += 2;
          else if (entry.words.some((w) => w.startsWith(term))) score += 1;
          else {
            all = false;
            break;
          }
        }
        if (!all) continue;
        if (entry.code === folded || entry.code === folded.replace(/^0+/, '')) score += 100;
        const bucket = buckets.get(score);
        if (bucket) bucket.push(entry.hit);
        else buckets.set(score, [entry.hit]);
      }
      const hits: SearchHit[] = [];
      let pupilHits = 0;
      for (const score of [...buckets.keys()].sort((a, b) => b - a)) {
        for (const hit of buckets.get(score)!) {
          if (hits.length === limit) return hits;
          if (hit.kind === 'pupil' && ++pupilHits > MAX_PUPIL_HITS) continue;
          hits.push(hit);
        }
      }
      return hits;
    },
  };
}
export type SearchIndex = ReturnType<typeof createSearchIndex>;
