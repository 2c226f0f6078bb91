/*
 * GPU014 field 18 is a bit field (Untis manual, bit numbers from 0); field 20 repeats the main kind as a letter.
 * Decoded here from the bit numbers themselves: enbrea's flag enum is shifted by one against them (its
 * "Cancellation" is 0), and its own test line with type 2 and letter "S" is bit 1, Betreuung, as the letter says.
 */

export interface SubstitutionKind {
  /** Bit 0, "C": Entfall. */
  cancelled: boolean;
  /** Bit 1, "S": Betreuung, another teacher looks after the class. */
  supervision: boolean;
  /** Bit 2, "A": Sondereinsatz, an extra duty. */
  specialDuty: boolean;
  /** Bit 3, "F": Wegverlegung, the lesson moved away from this slot. */
  movedAway: boolean;
  /** Bit 4, "L": Freisetzung, the teacher is freed because the class is away. */
  release: boolean;
  /** Bit 5: Plus als Vertreter (bookkeeping only). */
  plusAsSubstitute: boolean;
  /** Bit 6, "P": Teilvertretung. */
  partial: boolean;
  /** Bit 7, "T": Hinverlegung, the lesson moved to this slot. */
  movedHere: boolean;
  /** Bit 16, "R": Raumvertretung. */
  roomChange: boolean;
  /** Bit 17, "B": Pausenaufsichtsvertretung (not a lesson). */
  breakSupervision: boolean;
  /** Bit 18: the period is lesson-free. */
  lessonFree: boolean;
  /** Bit 20: not to be printed. */
  doNotPrint: boolean;
  /** "E": Klausur. */
  exam: boolean;
  /** "W" exchange, "~" teacher swap. */
  swap: boolean;
}

const bit = (bits: number, n: number) => (bits & (1 << n)) !== 0;

export function substitutionKind(bits: number, letter: string | null): SubstitutionKind {
  const l = (letter ?? '').trim().toUpperCase();
  return {
    cancelled: bit(bits, 0) || l === 'C',
    supervision: bit(bits, 1) || l === 'S',
    specialDuty: bit(bits, 2) || l === 'A',
    movedAway: bit(bits, 3) || l === 'F',
    release: bit(bits, 4) || l === 'L',
    plusAsSubstitute: bit(bits, 5),
    partial: bit(bits, 6) || l === 'P',
    movedHere: bit(bits, 7) || l === 'T',
    roomChange: bit(bits, 16) || l === 'R',
    breakSupervision: bit(bits, 17) || l === 'B',
    lessonFree: bit(bits, 18),
    doNotPrint: bit(bits, 20),
    exam: l === 'E',
    swap: l === 'W' || l === '~',
  };
}

/** Does the lesson not take place in its slot? Cancelled, released, lesson-free or moved elsewhere. */
export const isOffInSlot = (k: SubstitutionKind) => k.cancelled || k.release || k.lessonFree || k.movedAway;
