import { CONNECTION_STEP_NAMES, type ConnectionStepCode } from '@shared/contract/connectionSteps';
import type { ConnectionStep } from '../source';

/**
 * One step of "Test connection": its code and subject for the page to word, and its English name for the log.
 * The detail stays the connector's own sentence.
 */
export function connectionStep(code: ConnectionStepCode, ok: boolean, detail: string, subject: string | number | null = null): ConnectionStep {
  const about = subject === null ? null : String(subject);
  return { step: CONNECTION_STEP_NAMES[code].replace('{subject}', about ?? ''), ok, detail, code, subject: about };
}
