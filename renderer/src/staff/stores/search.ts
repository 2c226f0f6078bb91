import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SearchHit, SearchKind } from '@shared/domain/staff';
import { type ShownError, shownError, staffCall } from './staffCall';

/** Enough for a page of results in every kind; the core ranks, so the best are always in. */
export const SEARCH_LIMIT = 30;

export interface HitGroup {
  kind: SearchKind;
  /** Each hit with its place in keyboard order (the order on screen). */
  hits: { hit: SearchHit; index: number }[];
}

/**
 * The core's ranked hits grouped by kind, a group placed where its best hit ranks: an exact code (a room, a pupil
 * number) still comes first even when the other groups are larger.
 */
export function groupHits(hits: readonly SearchHit[]): HitGroup[] {
  const groups: HitGroup[] = [];
  const byKind = new Map<SearchKind, HitGroup>();
  for (const hit of hits) {
    let group = byKind.get(hit.kind);
    if (!group) byKind.set(hit.kind, (group = { kind: hit.kind, hits: [] }));
    if (!groups.includes(group)) groups.push(group);
    group.hits.push({ hit, index: -1 });
  }
  let index = 0;
  for (const group of groups) for (const entry of group.hits) entry.index = index++;
  return groups;
}

/**
 * Search as you type. No debounce: at most one query is in flight and only the newest text waits behind it, so a
 * fast typist never queues stale queries and every answer that arrives is for text still worth showing.
 */
export const useSearchStore = defineStore('staffSearch', () => {
  const text = ref('');
  const hits = ref<SearchHit[]>([]);
  /** The text the shown hits answer. */
  const answered = ref('');
  const activeIndex = ref(-1);
  const loading = ref(false);
  const error = ref<ShownError | null>(null);
  /** Bumped on every answer applied: a view can measure keystroke-to-paint against it. */
  const revision = ref(0);
  /** The core showed no pupils: this session was shown its share (docs/security-accounts.md §4). */
  const pupilsWithheld = ref(false);
  let inFlight = false;
  let pending: string | null = null;
  let generation = 0;

  const groups = computed(() => groupHits(hits.value));
  const ordered = computed(() => groups.value.flatMap((g) => g.hits.map((h) => h.hit)));
  const active = computed(() => ordered.value[activeIndex.value] ?? null);

  async function runQuery(query: string, gen: number): Promise<void> {
    inFlight = true;
    loading.value = true;
    const result = await staffCall('search.query', { text: query, limit: SEARCH_LIMIT });
    if (gen !== generation) return; // cleared or reset meanwhile: a newer query owns the flags now
    inFlight = false;
    const next = pending;
    pending = null;
    if (next !== null && next !== query) return runQuery(next, gen);
    loading.value = false;
    if (!result.ok) {
      error.value = shownError(result.error);
      return;
    }
    error.value = null;
    hits.value = result.value.hits;
    pupilsWithheld.value = result.value.pupilsWithheld;
    answered.value = query;
    activeIndex.value = hits.value.length > 0 ? 0 : -1;
    revision.value += 1;
  }

  function setText(value: string): Promise<void> {
    text.value = value;
    const query = value.trim();
    if (query === '') {
      clearResults();
      return Promise.resolve();
    }
    if (inFlight) {
      pending = query;
      return Promise.resolve();
    }
    return runQuery(query, generation);
  }

  function move(delta: number) {
    const count = ordered.value.length;
    if (count === 0) return;
    activeIndex.value = activeIndex.value < 0 ? (delta > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, activeIndex.value + delta));
  }

  function moveTo(index: number) {
    if (index >= 0 && index < ordered.value.length) activeIndex.value = index;
  }

  function clearResults() {
    generation += 1;
    pending = null;
    inFlight = false;
    hits.value = [];
    answered.value = '';
    activeIndex.value = -1;
    loading.value = false;
    error.value = null;
    revision.value += 1;
  }

  function clear() {
    text.value = '';
    clearResults();
  }

  function $reset() {
    clear();
    revision.value = 0;
  }

  return { text, hits, answered, activeIndex, loading, error, revision, pupilsWithheld, groups, ordered, active, setText, move, moveTo, clear, $reset };
});
