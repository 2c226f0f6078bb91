import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * Fails a test in which any promise rejected without a handler: a connector that leaves a request running after a
 * failure, or forgets a rejection, shows here (vitest reports them too, but not per test).
 */
export function guardUnhandledRejections(): void {
  const seen: unknown[] = [];
  const record = (reason: unknown) => void seen.push(reason);
  beforeAll(() => void process.on('unhandledRejection', record));
  afterAll(() => void process.off('unhandledRejection', record));
  afterEach(async () => {
    // Let anything about to reject do so inside this test.
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.splice(0), 'unhandled rejections').toEqual([]);
  });
}
