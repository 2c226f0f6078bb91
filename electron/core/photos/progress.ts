/**
 * Progress for a bar on screen: the first and the last call always, in between at most one call per `everyMs`
 * (a progress event per file of thousands would flood the renderer). A listener that throws is not our failure.
 */
export function throttledProgress(onProgress: (done: number, total: number) => void, total: number, everyMs = 100, now = () => performance.now()) {
  let done = 0;
  let last = -Infinity;
  const emit = () => {
    last = now();
    try {
      onProgress(done, total);
    } catch {
      // The import goes on; a progress bar is not worth a failed import.
    }
  };
  return {
    start(alreadyDone: number): void {
      done = alreadyDone;
      emit();
    },
    step(): void {
      done++;
      if (done >= total || now() - last >= everyMs) emit();
    },
  };
}
