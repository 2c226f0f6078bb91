import type { Source } from '../source';
import { fetchWebUntis, type WebUntisConfig, type WebUntisOptions } from './fetch';
import { normaliseWebUntis } from './normalise';
import { webUntisTestSteps } from './connectionSteps';
import { validateWebUntis, type UntisValid } from './validate';

export type { WebUntisConfig, WebUntisOptions } from './fetch';

/**
 * The WebUntis connector (classic JSON-RPC API). Each sync signs in, asks getLatestImportTime whether Untis uploaded
 * anything new (nothing new: `unchanged`), else fetches master data and the timetables of every room and class for
 * the configured weeks, and always signs out. `options` is for tests (shorter timeouts).
 */
export function createWebUntisSource(config: WebUntisConfig, options: WebUntisOptions = {}): Source<UntisValid> {
  return {
    id: `webuntis:${config.server}/${config.school}`,
    fetch: (ctx) => fetchWebUntis(config, options, ctx),
    validate: (raw) => validateWebUntis(raw),
    normalise: (valid, ctx) => normaliseWebUntis(valid, ctx, config),
    test: (ctx) => webUntisTestSteps(config, options, ctx),
  };
}
