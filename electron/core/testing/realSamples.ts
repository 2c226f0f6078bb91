import { describe, it } from 'vitest';
import { HAVE_UPSTREAM_FIXTURES, REAL_SAMPLES_ABSENT } from './upstreamFixtures';

// Suites and tests whose point is a real upstream sample: where the samples are absent (a plain clone) they are
// skipped, and their names carry the reason, so every reporter shows why.
const titled = (title: string) => (HAVE_UPSTREAM_FIXTURES ? title : `${title} (${REAL_SAMPLES_ABSENT})`);

/** A suite whose point is a real upstream sample: skipped, saying why, where the samples are absent. */
export const describeRealSamples = (title: string, suite: () => void) => describe.skipIf(!HAVE_UPSTREAM_FIXTURES)(titled(title), suite);

/** One test whose point is a real upstream sample: skipped, saying why, where the samples are absent. */
export const itRealSamples = (title: string, test: () => Promise<void> | void, timeout?: number) =>
  it.skipIf(!HAVE_UPSTREAM_FIXTURES)(titled(title), test, timeout);
