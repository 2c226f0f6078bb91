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

/**
 * The bit field decides wherever it is set; the letter only where it is not (older exports, or a field left 0).
 * Exporters disagree on the move letters (some write "T" on the line at the old slot, some on the new one), while
 * bits 3 and 7 say unambiguously which line is which; taking both at once made one line of a pair both ends of the
 * move. Exam and swap have no bit: their letters always count.
 */
export function substitutionKind(bits: number, letter: string | null): SubstitutionKind {
  const l = (letter ?? '').trim().toUpperCase();
  const byBits = bits !== 0;
  const flag = (n: number, letterOf: string) => (byBits ? bit(bits, n) : l === letterOf);
  return {
    cancelled: flag(0, 'C'),
    supervision: flag(1, 'S'),
    specialDuty: flag(2, 'A'),
    movedAway: flag(3, 'F'),
    release: flag(4, 'L'),
    plusAsSubstitute: bit(bits, 5),
    partial: flag(6, 'P'),
    movedHere: flag(7, 'T'),
    roomChange: flag(16, 'R'),
    breakSupervision: flag(17, 'B'),
    lessonFree: bit(bits, 18),
    doNotPrint: bit(bits, 20),
    exam: l === 'E',
    swap: l === 'W' || l === '~',
  };
}

/** Does the lesson not take place in its slot? Cancelled, released, lesson-free or moved elsewhere. */
export const isOffInSlot = (k: SubstitutionKind) => k.cancelled || k.release || k.lessonFree || k.movedAway;
