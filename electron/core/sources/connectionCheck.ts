import { connectionStep, failedStep } from './common/connectionStep';
import type { SourceContext, ConnectionStep } from './source';
import { createSource } from '.';
import type { SyncJob, ConnectionTest } from '../sync/worker/protocol';

/**
 * "Test connection": what an administrator sees after pressing the button. Writes nothing. A source that knows
 * its own steps (sign in, rooms, appointments) reports them; any other gets fetch, validate and normalise.
 */
export async function testSource(job: SyncJob, signal: AbortSignal): Promise<ConnectionTest> {
  const steps: ConnectionStep[] = [];
  const ctx: SourceContext = {
    scope: job.scope, now: job.now, zone: job.zone, cursor: null, signal, progress: () => {},
    secret: (name) => job.secrets[name] ?? null,
  };
  try {
    const source = createSource(job.source);
    if (source.test) {
      steps.push(...(await source.test(ctx)));
    } else {
      const raw = await source.fetch(ctx);
      steps.push(connectionStep('fetched', true, 'The source answered.'));
      const valid = source.validate(raw, ctx);
      steps.push(connectionStep('checked', true, 'It has the shape Gangbord expects.'));
      const payload = source.normalise(valid, ctx);
      const detail = payload.kind === 'snapshot'
        ? `${payload.rooms.length} rooms, ${payload.groups.length} groups, ${payload.lessons.length} lessons from ${payload.window.from} to ${payload.window.to}.`
        : payload.kind === 'delta' ? `${payload.upsertLessons.length} changed lessons.` : 'Nothing new since the last sync.';
      steps.push(connectionStep('read', true, detail));
    }
  } catch (error) {
    steps.push(failedStep(steps.length === 0 ? 'reached' : 'nextStep', error));
  }
  return { ok: steps.length > 0 && steps.every((s) => s.ok), steps };
}
