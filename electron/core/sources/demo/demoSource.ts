import { SourceError } from '../source';
import type { Snapshot, Source, SourceContext } from '../source';
import { demoSchoolSteps, type DemoProgress } from '../../demo/demoSchool';
import type { DemoSize } from '../../demo/schoolSizes';

export interface DemoSourceConfig {
  size: DemoSize;
  seed?: number;
}

const PHASE_LABEL: Record<DemoProgress['phase'], string> = {
  school: 'building the demo school',
  lessons: 'generating demo lessons',
};

/** Lets pending I/O, timers and an abort run between steps, so a large demo never blocks the process for long. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function isSnapshot(raw: unknown): raw is Snapshot {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Partial<Snapshot>;
  return r.kind === 'snapshot' && Array.isArray(r.lessons) && Array.isArray(r.rooms) && typeof r.window === 'object';
}

/**
 * The built-in source: a generated school, so a fresh install shows a living kiosk at once. Generation is the
 * "upstream": progress is reported after the school and after each week of lessons, and an abort is honoured
 * between those steps.
 */
export function createDemoSource(config: DemoSourceConfig): Source<Snapshot> {
  return {
    id: 'demo',
    async fetch(ctx: SourceContext): Promise<unknown> {
      const steps = demoSchoolSteps({ size: config.size, now: ctx.now, zone: ctx.zone, scope: ctx.scope, seed: config.seed });
      for (;;) {
        ctx.signal.throwIfAborted();
        const step = steps.next();
        if (step.done) return step.value;
        ctx.progress(PHASE_LABEL[step.value.phase], step.value.done, step.value.total);
        await nextTurn();
      }
    },
    // The generator is ours, so a full schema pass over 100k lessons would only cost time; the tests do that.
    validate(raw: unknown): Snapshot {
      if (!isSnapshot(raw)) throw new SourceError('UPSTREAM_INVALID', 'The demo school generator returned something other than a snapshot.');
      return raw;
    },
    normalise(raw: Snapshot): Snapshot {
      return raw;
    },
  };
}
