import fc from 'fast-check';
import { expect } from 'vitest';
import type { CacheDb } from '../../db/open';
import { SourceError } from '../source';
import type { Source, SourceContext, SyncPayload, SyncScope } from '../source';
import { syncOnce } from '../../sync/syncOnce';
import { cacheState } from '../../sync/testing/cacheState';

/*
 * Test helpers every connector's tests share: a SourceContext, the cache as rows, and the property tests' checks
 * that whatever an upstream sends ends in domain data or a typed refusal, never a crash or a partial write.
 */

/** A SourceContext as syncOnce builds it, for calling a source's parts directly. */
export function sourceContext(
  now: number,
  options: { scope?: SyncScope; zone?: string; secrets?: Record<string, string>; signal?: AbortSignal } = {},
): SourceContext {
  return {
    scope: options.scope ?? 'kiosk', now, zone: options.zone ?? 'Europe/Amsterdam', cursor: null, signal: options.signal ?? new AbortController().signal,
    progress: () => {}, secret: (name) => options.secrets?.[name] ?? null,
  };
}

/** Everything a sync may write, row by row: "the cache exactly as it was" is this, unchanged. */
export function cacheDump(db: CacheDb): Record<string, unknown[]> {
  const tables = ['lessons', 'lesson_rooms', 'rooms', 'subjects', 'groups', 'teachers', 'periods', 'holidays', 'announcements', 'meta', 'sync_state'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
}

/** A refusal that names an upstream problem (not INTERNAL), short enough for the status to show as is. */
export function expectUpstreamError(error: unknown): void {
  if (!(error instanceof SourceError) || error.code === 'INTERNAL') throw error;
  expect(error.message.length).toBeLessThanOrEqual(500);
}

/** JSON of any kind, to stand where an answer should have held something else. */
export const junk = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);

/** For dirty answers: `arb`, now and then junk instead. */
export const sometimesJunk = (dirty: boolean) => <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  (dirty ? fc.oneof({ arbitrary: arb, weight: 30 }, { arbitrary: junk, weight: 1 }) : arb);

/**
 * One generated answer through validate and normalise: data that `assertDomain` accepts, or a refusal the status
 * can show as is (a SourceError within the status's 500 characters). Anything else is thrown.
 */
export function parseOutcome<Raw>(
  source: Source<Raw>,
  raw: unknown,
  ctx: SourceContext,
  assertDomain: (payload: SyncPayload) => void,
): 'written' | 'unchanged' | 'refused' {
  try {
    const payload = source.normalise(source.validate(raw, ctx), ctx);
    assertDomain(payload);
    return payload.kind === 'unchanged' ? 'unchanged' : 'written';
  } catch (error) {
    if (error instanceof SourceError && error.message.length <= 500) return 'refused';
    throw error;
  }
}

/** Each answer through syncOnce into `db`: a refusal must be a SourceError that writes nothing. Returns the refusals. */
export async function refusalsThroughSyncOnce(db: CacheDb, source: Source, answers: readonly unknown[], ctx: SourceContext): Promise<number> {
  let refused = 0;
  for (const raw of answers) {
    const before = cacheState(db);
    try {
      await syncOnce({
        db,
        source: { ...source, fetch: async () => raw },
        scope: ctx.scope,
        now: ctx.now,
        zone: ctx.zone,
        signal: ctx.signal,
        progress: () => {},
      });
    } catch (error) {
      expect(error).toBeInstanceOf(SourceError);
      expect(cacheState(db)).toEqual(before);
      refused++;
    }
  }
  return refused;
}

/**
 * For each generated fetch result: the good one synced first, then the candidate. A sync that fails must fail with an
 * upstream error and leave the cache row for row as the good data left it. Returns how many failed.
 */
export async function failuresThroughSyncOnce<Fetched>(o: {
  db: CacheDb;
  source: Source;
  good: Fetched;
  candidates: fc.Arbitrary<Fetched>;
  numRuns: number;
  now: number;
  zone: string;
}): Promise<number> {
  let fetched = o.good;
  const run = () => syncOnce({
    db: o.db, source: { ...o.source, fetch: async () => fetched }, scope: 'kiosk', now: o.now, zone: o.zone, signal: new AbortController().signal, progress: () => {},
  });
  let failures = 0;
  await fc.assert(fc.asyncProperty(o.candidates, async (candidate) => {
    fetched = o.good;
    await run(); // good data back in place before each attempt
    const before = cacheDump(o.db);
    fetched = candidate;
    try {
      await run();
    } catch (error) {
      failures++;
      expectUpstreamError(error);
      expect(cacheDump(o.db)).toEqual(before);
    }
  }), { numRuns: o.numRuns });
  return failures;
}
