/*
 * The Source port (docs/architecture.md §5): everything a connector needs from the rest of the core, in one place.
 * A connector imports this file, `common/` and `shared/`, and nothing else outside its own folder (eslint.config.js,
 * `sources-sealed`): what a sync is, the typed upstream error, and the checks a snapshot must pass.
 */
export type {
  ConnectionStep, Delta, Snapshot, Source, SourceContext, StaffMember, SyncPayload, SyncScope, Unchanged,
} from '../sync/snapshot';
export { SourceError } from '../sync/errors';
export { checkDelta, checkSnapshot } from '../sync/checkPayload';
