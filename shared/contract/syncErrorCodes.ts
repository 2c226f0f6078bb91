/** Why a sync failed, as a stable code the pages word in their own language (zod-free, for the renderer). */
export const SYNC_ERROR_CODES = ['UPSTREAM_HTTP', 'UPSTREAM_AUTH', 'UPSTREAM_TIMEOUT', 'UPSTREAM_INVALID', 'UPSTREAM_EMPTY', 'CACHE', 'INTERNAL'] as const;
