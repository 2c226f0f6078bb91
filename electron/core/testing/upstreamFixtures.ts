import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The real upstream samples (Zermelo, WebUntis, Untis GPU, iCalendar), read in place from ../shared/fixtures/upstream
 * beside the repository (see SOURCES.md there); never copied into the project. GANGBORD_UPSTREAM_FIXTURES points
 * elsewhere. Where they are absent, the tests that read them are skipped, and the test run says so once.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const UPSTREAM_FIXTURES = process.env.GANGBORD_UPSTREAM_FIXTURES ?? join(repoRoot, '..', 'shared', 'fixtures', 'upstream');
export const HAVE_UPSTREAM_FIXTURES = existsSync(UPSTREAM_FIXTURES);
export const upstreamFixture = (path: string) => join(UPSTREAM_FIXTURES, path);
