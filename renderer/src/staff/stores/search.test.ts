import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '@shared/domain/staff';
import { setApi } from '../../api';
import { FakeTransport } from '../../testing/fakeTransport';
import { hit } from '../testing/staffBuilders';
import { groupHits, useSearchStore } from './search';

describe('groupHits', () => {
  it('groups by kind in the order of each kind\'s best hit, so an exact room code still comes first', () => {
    const hits = [hit('room', 'B0.06'), hit('pupil', '1', 'Bo'), hit('teacher', 'BSC'), hit('pupil', '2', 'Bas'), hit('room', 'B0.07')];
    const groups = groupHits(hits);
    expect(groups.map((g) => g.kind)).toEqual(['room', 'pupil', 'teacher']);
    expect(groups.flatMap((g) => g.hits.map((h) => [h.hit.code, h.index]))).toEqual([['B0.06', 0], ['B0.07', 1], ['1', 2], ['2', 3], ['BSC', 4]]);
  });
});

describe('useSearchStore', () => {
  let fake: FakeTransport;
  let answers: Map<string, (hits: SearchHit[]) => void>;
  beforeEach(() => {
    setActivePinia(createPinia());
    answers = new Map();
    fake = new FakeTransport().respond('search.query', (input) => new Promise((resolve) => {
      answers.set(input.text, (hits) => resolve({ ok: true, value: { hits, pupilsWithheld: false } }));
    }));
    setApi(fake);
  });
  afterEach(() => setApi(null));

  it('keeps one query in flight and only the newest text waiting: no stale answer is ever shown', async () => {
    const search = useSearchStore();
    const first = search.setText('b');
    const tick = () => new Promise((r) => setTimeout(r, 0));
    void search.setText('be');
    void search.setText('ber');
    expect(fake.callsOf('search.query')).toEqual([{ text: 'b', limit: 30 }]);
    answers.get('b')!([hit('pupil', '1', 'Bo')]);
    await tick();
    // "be" was skipped: only the newest text went out after the first answer, which was not shown either.
    expect(fake.callsOf('search.query').map((c) => (c as { text: string }).text)).toEqual(['b', 'ber']);
    expect(search.hits).toEqual([]);
    answers.get('ber')!([hit('pupil', '2', 'Sanne van den Berg')]);
    await first;
    expect(search.hits.map((h) => h.label)).toEqual(['Sanne van den Berg']);
    expect(search.answered).toBe('ber');
    expect(search.activeIndex).toBe(0);
  });

  it('drops an answer that arrives after the text was cleared', async () => {
    const search = useSearchStore();
    const pending = search.setText('berg');
    search.clear();
    answers.get('berg')!([hit('pupil', '2', 'Sanne van den Berg')]);
    await pending;
    expect(search.hits).toEqual([]);
    expect(search.text).toBe('');
  });

  it('moves the active hit within bounds, in screen order', async () => {
    fake.respond('search.query', { hits: [hit('pupil', '1', 'A'), hit('teacher', 'X'), hit('pupil', '2', 'B')], pupilsWithheld: false });
    const search = useSearchStore();
    await search.setText('a');
    expect(search.ordered.map((h) => h.code)).toEqual(['1', '2', 'X']);
    search.move(1);
    expect(search.active?.code).toBe('2');
    search.move(10);
    expect(search.active?.code).toBe('X');
    search.move(-10);
    expect(search.active?.code).toBe('1');
  });

  it('shows the core\'s error and keeps the last results', async () => {
    fake.respond('search.query', { hits: [hit('room', 'B0.06')], pupilsWithheld: false });
    const search = useSearchStore();
    await search.setText('b0');
    fake.fail('search.query');
    await search.setText('b0.0');
    expect(search.error?.key).toBe('errors.unavailable');
    expect(search.hits).toHaveLength(1);
  });
});
