import type { Source } from '../source';
import { fetchZermelo, type ZermeloConfig, type ZermeloOptions } from './fetch';
import { normaliseZermelo } from './normalise';
import { zermeloTestSteps } from './connectionSteps';
import { validateZermelo, type ZermeloValid } from './validate';

export { linkZermelo, type LinkOptions } from './link';
export type { ZermeloConfig, ZermeloOptions } from './fetch';

/**
 * The Zermelo connector (REST API v3). A full sync fetches rooms, groups, staff, (staff scope only) pupils,
 * announcements and the appointments of the configured weeks, one request per week; between full syncs it asks only
 * for what changed (see cursor.ts). `options` is for tests and benchmarks (shorter timeouts).
 */
export function createZermeloSource(config: ZermeloConfig, options: ZermeloOptions = {}): Source<ZermeloValid> {
  return {
    id: `zermelo:${config.portal}${config.branch ? `/${config.branch}` : ''}`,
    fetch: (ctx) => fetchZermelo(config, options, ctx),
    validate: (raw) => validateZermelo(raw),
    normalise: (valid, ctx) => normaliseZermelo(valid, ctx, config),
    test: (ctx) => zermeloTestSteps(config, options, ctx),
  };
}
