import type { PersonName } from '@shared/domain';
import { PLAIN_SURNAMES, PREFIXED_SURNAMES } from './names';
import { pick, type Random } from './random';

/** About three in ten Dutch surnames carry a tussenvoegsel. */
const PREFIX_RATE = 0.3;

export function personName(random: Random, firstNames: readonly string[]): PersonName {
  const firstName = pick(random, firstNames);
  if (random() < PREFIX_RATE) {
    const [prefix, lastName] = pick(random, PREFIXED_SURNAMES);
    return { firstName, prefix, lastName };
  }
  return { firstName, prefix: null, lastName: pick(random, PLAIN_SURNAMES) };
}
