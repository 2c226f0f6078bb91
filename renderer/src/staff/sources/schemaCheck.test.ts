import { describe, expect, it } from 'vitest';
import { emptyDraft, emptyFeed } from './sourceDraft';
import { schemaProblems } from './schemaCheck';

// The shared schema on the form's draft, with its problems where the form shows them.
describe('the source form against the shared settings schema', () => {
  it('passes what the core accepts, and puts what it refuses at the field that holds it', () => {
    const d = emptyDraft();
    d.type = 'ical';
    const feed = emptyFeed('Rooster');
    feed.url = 'https://rooster.example.nl/a.ics';
    d.ical.feeds = [feed];
    expect(schemaProblems(d)).toEqual({});
    feed.name = 'x'.repeat(81);
    feed.teacher = { from: 'description', pattern: 'p'.repeat(201) };
    expect(schemaProblems(d)).toEqual({
      [`ical.feeds.${feed.key}.name`]: { key: 'tooLong', params: { max: 80 } },
      [`ical.feeds.${feed.key}.teacher`]: { key: 'tooLong', params: { max: 200 } },
    });
  });

  it('runs under the pages\' CSP: without compiling code (no eval)', () => {
    const original = globalThis.Function;
    // A page whose CSP forbids eval: constructing a function throws, as it does there.
    globalThis.Function = new Proxy(original, { construct() { throw new EvalError('CSP: eval is not allowed'); }, apply() { throw new EvalError('CSP: eval is not allowed'); } });
    try {
      const d = emptyDraft();
      d.type = 'untis-gpu';
      d.gpu.folder = 'C:\\Untis\\export';
      d.gpu.validFrom = '2026-8-31';
      expect(schemaProblems(d)).toEqual({ 'gpu.validFrom': { key: 'invalid' } });
    } finally {
      globalThis.Function = original;
    }
  });
});
