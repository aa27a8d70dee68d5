// Heap figures: a full garbage collection before reading the heap, so a figure counts what is retained. The bench
// runs without --expose-gc (and the host benchmark inside VS Code's extension host cannot pass it); V8 allows turning
// it on at run time.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap bytes in use after a full garbage collection. */
export function retainedHeapBytes(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}
