/**
 * Runs `task` over `items`, at most `limit` at a time, results in input order. A few requests in parallel make a
 * sync of many weeks or rooms quicker without hammering a school's server. On the first failure no new task
 * starts, the ones in flight are told to stop (through their signal) and awaited, and that first error is thrown:
 * nothing is left running, and nothing rejects unobserved.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  task: (item: T, index: number, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const stop = new AbortController();
  const taskSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;

  async function lane(): Promise<void> {
    while (failure === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]!, index, taskSignal);
      } catch (error) {
        if (failure === null) {
          failure = { error };
          stop.abort(new Error('a parallel request failed'));
        }
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
