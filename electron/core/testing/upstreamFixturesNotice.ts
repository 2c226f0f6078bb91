import { HAVE_UPSTREAM_FIXTURES, UPSTREAM_FIXTURES } from './upstreamFixtures';

/** Vitest global setup: one plain line when the upstream samples are missing and their tests are skipped. */
export default function notice(): void {
  if (!HAVE_UPSTREAM_FIXTURES) {
    console.warn(`Skipping the tests that read the real upstream samples: ${UPSTREAM_FIXTURES} is not there (set GANGBORD_UPSTREAM_FIXTURES to their folder).`);
  }
}
