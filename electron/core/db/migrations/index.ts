import { initial } from './0001-initial';
import type { Migration } from './types';

/** Every schema step in order; a new step is a new file `NNNN-name.ts` added here. */
export const migrations: readonly Migration[] = [initial];

export type { Migration };
