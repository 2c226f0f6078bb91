import { describe, expect, it } from 'vitest';
import { SourceError } from '../source';
import type { SourceContext } from '../source';
import { generateDemoSchool } from '../../demo/demoSchool';
import { createDemoSource } from './demoSource';

const now = Date.UTC(2026, 9, 14, 10);

function context(overrides: Partial<SourceContext> = {}): SourceContext & { calls: [string, number, number][] } {
  const calls: [string, number, number][] = [];
  return {
    scope: 'kiosk', now, zone: 'Europe/Amsterdam', cursor: null, signal: new AbortController().signal,
    progress: (phase, done, total) => calls.push([phase, done, total]),
    secret: () => null,
    calls,
    ...overrides,
  };
}

describe('the demo source', () => {
  it('fetches, validates and normalises to the generated snapshot', async () => {
    const source = createDemoSource({ size: 'small' });
    const ctx = context();
    const raw = await source.fetch(ctx);
    const payload = source.normalise(source.validate(raw, ctx), ctx);
    expect(source.id).toBe('demo');
    expect(payload).toEqual(generateDemoSchool({ size: 'small', now, zone: 'Europe/Amsterdam', scope: 'kiosk' }));
  });

  it('reports progress per step, not per lesson', async () => {
    const ctx = context();
    await createDemoSource({ size: 'small' }).fetch(ctx);
    expect(ctx.calls).toEqual([
      ['building the demo school', 1, 1],
      ['generating demo lessons', 1, 2],
      ['generating demo lessons', 2, 2],
    ]);
    for (const [phase] of ctx.calls) expect(phase.length).toBeLessThanOrEqual(40);
  });

  it('stops when the sync is aborted', async () => {
    const controller = new AbortController();
    const ctx = context({
      signal: controller.signal,
      progress: (_phase, done) => {
        if (done === 3) controller.abort(new Error('stopped by the test'));
      },
    });
    await expect(createDemoSource({ size: 'large' }).fetch(ctx)).rejects.toThrow('stopped by the test');
  });

  it('does not start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(createDemoSource({ size: 'small' }).fetch(context({ signal: controller.signal }))).rejects.toThrow();
  });

  it('rejects anything that is not a snapshot', () => {
    expect(() => createDemoSource({ size: 'small' }).validate({ kind: 'delta' }, context())).toThrow(SourceError);
  });
});
