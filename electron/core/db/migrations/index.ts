import { initial } from './0001-initial';
import { movedTo } from './0002-moved-to';
import type { Migration } from './types';

/** Every schema step in order; a new step is a new file `NNNN-name.ts` added here. */
export const migrations: readonly Migration[] = [initial, movedTo];

export type { Migration };
