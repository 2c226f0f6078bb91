import { CONNECTION_STEP_NAMES, type ConnectionStepCode } from '@shared/contract/connectionSteps';
import type { SyncErrorCode } from '@shared/contract';
import { SourceError } from '../source';
import type { ConnectionStep } from '../source';

/** What a step found: its detail in the connector's own words, and a count the page words in its language. */
export interface StepOutcome {
  detail: string;
  count?: number;
}

/**
 * One step of "Test connection": its code, subject and count for the page to word, and its English name for the
 * log. The detail stays the connector's own sentence (the page shows it as the technical detail).
 */
export function connectionStep(
  code: ConnectionStepCode,
  ok: boolean,
  detail: string,
  subject: string | number | null = null,
  facts: { count?: number; error?: SyncErrorCode | null } = {},
): ConnectionStep {
  const about = subject === null ? null : String(subject);
  const step: ConnectionStep = { step: CONNECTION_STEP_NAMES[code].replace('{subject}', about ?? ''), ok, detail, code, subject: about };
  // Only what is known: a step without a count or a coded reason carries neither.
  if (facts.count !== undefined) step.count = facts.count;
  if (!ok && facts.error) step.error = facts.error;
  return step;
}

/** A failed step: the error's own message as its detail, and its sync code (when it has one) for the page to word. */
export function failedStep(code: ConnectionStepCode, error: unknown, subject: string | number | null = null): ConnectionStep {
  const message = error instanceof Error ? error.message : String(error);
  return connectionStep(code, false, message, subject, { error: error instanceof SourceError ? error.code : null });
}

/** "48 rooms": the English detail for the log, and the number for the page. */
export function counted(n: number, one: string, many: string): StepOutcome {
  return { detail: `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`, count: n };
}

/** Runs one step of a connector's test and records it, passed or failed; says whether it passed. */
export async function runStep(
  steps: ConnectionStep[],
  code: ConnectionStepCode,
  run: () => Promise<string | StepOutcome>,
  subject: string | number | null = null,
): Promise<boolean> {
  try {
    const outcome = await run();
    const { detail, count } = typeof outcome === 'string' ? { detail: outcome, count: undefined } : outcome;
    steps.push(connectionStep(code, true, detail, subject, { count }));
    return true;
  } catch (error) {
    steps.push(failedStep(code, error, subject));
    return false;
  }
}
