import { useSourcesStore } from '../../../stores/sources';
import { useStaffText } from '../../../useStaffText';

/** What every part of the source form needs: the store, the messages, and a field's problem in words. */
export function useSourceForm() {
  const store = useSourcesStore();
  const { st } = useStaffText();
  const problem = (path: string): string | null => {
    const p = store.problems[path];
    return p ? st(`sources.problems.${p.key}`, p.params ?? {}) : null;
  };
  /** Message keys cannot hold dashes: `untis-gpu` is `untis_gpu`. */
  const keyOf = (name: string) => name.replace(/-/g, '_');
  return { store, st, problem, keyOf };
}
