import './zodWithoutEval';
import { SourceConfig } from '@shared/settings';
import { type Problem, type Problems, type SourceDraft, toConfig } from './sourceDraft';

/** Where the form shows a problem the schema found at `path` of the configuration. */
function formPath(draft: SourceDraft, path: readonly PropertyKey[]): string {
  const [first, index, field] = path;
  switch (draft.type) {
    case 'ical': {
      const feed = typeof index === 'number' ? draft.ical.feeds[index] : undefined;
      if (first === 'feeds' && feed) return `ical.feeds.${feed.key}.${field === 'urlSecret' ? 'secret' : String(field ?? 'name')}`;
      return first === 'teacherCodes' ? 'ical.teacherCodes' : 'ical.feeds';
    }
    case 'zermelo':
      return `zermelo.${String(first ?? 'portal')}`;
    case 'webuntis':
      return `webuntis.${String(first ?? 'server')}`;
    case 'untis-gpu':
      return `gpu.${String(first ?? 'folder')}`;
    default:
      return 'type';
  }
}

/**
 * The shared settings schema (shared/settings.ts) on what the form would save: the core parses the same schema, so
 * a draft that passes here is not refused there for its shape.
 */
export function schemaProblems(draft: SourceDraft): Problems {
  const parsed = SourceConfig.safeParse(toConfig(draft));
  if (parsed.success) return {};
  const problems: Problems = {};
  for (const issue of parsed.error.issues) {
    const problem: Problem = issue.code === 'too_big' && typeof issue.maximum === 'number' ? { key: 'tooLong', params: { max: issue.maximum } } : { key: 'invalid' };
    problems[formPath(draft, issue.path)] ??= problem;
  }
  return problems;
}
