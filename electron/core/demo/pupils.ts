import type { Pupil } from '@shared/domain';
import type { DemoGroups } from './groups';
import { PUPIL_FIRST_NAMES } from './names';
import { personName } from './personNames';
import { shuffleInPlace, type Random } from './random';

/** Later tests and the manual look her up by name, so every demo school has her, in the first class of year 4. */
export const KNOWN_PUPIL = { firstName: 'Sanne', prefix: 'van den', lastName: 'Berg' } as const;

const PHOTO_CONSENT_RATE = 0.9;
const isKnownPupil = (p: { firstName: string; prefix: string | null; lastName: string }) =>
  p.firstName === KNOWN_PUPIL.firstName && p.prefix === KNOWN_PUPIL.prefix && p.lastName === KNOWN_PUPIL.lastName;

/**
 * Pupils with their class and, in the upper years, one cluster per core subject and per profile column.
 * Leerlingnummers rise with the year of entry, so the oldest pupils have the lowest numbers, as in real schools.
 */
export function buildPupils(groups: DemoGroups, random: Random): Pupil[] {
  const byClass = new Map<number, Pupil[]>();
  const knownClass = groups.classes.find((c) => c.year === 4) ?? groups.classes[0];
  let number = 100_000;
  const oldestFirst = [...groups.classes].sort((a, b) => b.year - a.year || a.index - b.index);
  for (const cls of oldestFirst) {
    const pupils: Pupil[] = [];
    for (let i = 0; i < cls.pupils; i++) {
      number += 1 + Math.floor(random() * 199);
      let name = personName(random, PUPIL_FIRST_NAMES);
      while (isKnownPupil(name)) name = personName(random, PUPIL_FIRST_NAMES);
      if (cls === knownClass && i === 0) name = { ...KNOWN_PUPIL };
      pupils.push({
        ...name,
        number: String(number),
        photoConsent: random() >= 1 - PHOTO_CONSENT_RATE,
        groups: [cls.code, ...cls.classClusters.map((c) => c.code)],
      });
    }
    byClass.set(cls.index, pupils);
  }
  for (const ys of groups.yearStreams) {
    const members = ys.classes.flatMap((c) => byClass.get(c.index) ?? []);
    for (const column of ys.columns) {
      // A fresh order per column: clusters stay equal in size while choices combine differently.
      const order = shuffleInPlace(random, members.map((_, i) => i));
      order.forEach((memberIndex, rank) => {
        const cluster = column[rank % column.length];
        if (cluster) members[memberIndex]?.groups.push(cluster.code);
      });
    }
  }
  return groups.classes.flatMap((c) => byClass.get(c.index) ?? []);
}
