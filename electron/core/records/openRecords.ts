import { join } from 'node:path';
import { type CacheDb, openCache } from '../db/open';
import type { Logger } from '../logger';
import { records } from './migrations/0001-records';
import { secondFactor } from './migrations/0002-second-factor';
import { keyedAudit } from './migrations/0003-keyed-audit';
import { accountsAtScale } from './migrations/0004-accounts-at-scale';
import { schoolAudit } from './migrations/0005-school-audit';
import { accountsFromPublisher } from './migrations/0006-accounts-from-publisher';

export const RECORDS_FILE = 'records.db';
export const recordsMigrations = [records, secondFactor, keyedAudit, accountsAtScale, schoolAudit, accountsFromPublisher] as const;

/** The durable records database beside the cache: FULL sync, and never moved aside when unreadable. */
export function openRecords(dataDir: string, key: Buffer, log: Logger, nativeBinding?: string): CacheDb {
  return openCache({
    file: join(dataDir, RECORDS_FILE), key, log, nativeBinding, durability: 'durable', unreadable: 'refuse', migrations: recordsMigrations,
  }).db;
}
