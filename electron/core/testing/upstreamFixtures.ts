import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The real upstream samples (Zermelo, WebUntis, Untis GPU, iCalendar), read in place from ../shared/fixtures/upstream
 * beside the repository; never copied into the project. GANGBORD_UPSTREAM_FIXTURES points elsewhere. Only the tests
 * whose point is a real sample read them (realSamples.ts); every other test runs on fixtures the
 * project makes itself. Where the folder is absent (a plain clone), those tests are skipped and their names say why.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const UPSTREAM_FIXTURES = process.env.GANGBORD_UPSTREAM_FIXTURES ?? join(repoRoot, '..', 'shared', 'fixtures', 'upstream');
export const HAVE_UPSTREAM_FIXTURES = existsSync(UPSTREAM_FIXTURES);
export const upstreamFixture = (path: string) => join(UPSTREAM_FIXTURES, path);

/** The reason a real-sample test gives when it is skipped; the plain-clone test looks for it. */
export const REAL_SAMPLES_ABSENT = `skipped: the real upstream samples are not at ${UPSTREAM_FIXTURES}`;
