import { availableParallelism, loadavg } from 'node:os';
import { runInWorkers } from '../parallel/runInWorkers.js';
import { prefilterFiles, type PrefilterResult } from './prefilterFiles.js';

export interface PrefilterJob {
  readonly paths: readonly string[];
  readonly needle: string;
  readonly maxBytes: number;
}

/** Below this many files one thread is faster than starting workers. */
const MIN_FILES_PER_THREAD = 4000;

/**
 * One thread per core while the machine has idle cores; one thread when the
 * load average already fills them (like `make -l`: workers then only add
 * their start-up cost). Speed only: the result is the same either way.
 */
export function defaultPrefilterThreads(): number {
  const cores = availableParallelism();
  return loadavg()[0]! < cores ? cores : 1;
}

/**
 * `prefilterFiles` over `threads` worker threads (default: defaultPrefilterThreads()):
 * the paths go in contiguous chunks (directory locality), four per thread so
 * a slow chunk does not leave a core idle; results merge in path order.
 */
export async function prefilterParallel(
  paths: readonly string[],
  needle: string,
  maxBytes: number,
  threads = defaultPrefilterThreads(),
): Promise<PrefilterResult> {
  const n = Math.min(threads, Math.floor(paths.length / MIN_FILES_PER_THREAD));
  if (n <= 1) return prefilterFiles(paths, needle, maxBytes);
  const size = Math.ceil(paths.length / (n * 4));
  const jobs: PrefilterJob[] = [];
  for (let i = 0; i < paths.length; i += size) jobs.push({ paths: paths.slice(i, i + size), needle, maxBytes });
  const parts = await runInWorkers<PrefilterJob, PrefilterResult>(new URL('./prefilterWorker.js', import.meta.url), jobs, n);
  return {
    hits: parts.flatMap((p) => p.hits),
    skipped: parts.flatMap((p) => p.skipped),
    bytesRead: parts.reduce((s, p) => s + p.bytesRead, 0),
  };
}
