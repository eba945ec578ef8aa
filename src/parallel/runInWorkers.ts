import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './spawnWorker.js';
import type { JobMessage, ResultMessage } from './WorkerMessage.js';

/**
 * Runs `jobs` on `threads` worker threads started on `module` (a module that
 * calls `serveJobs`), each worker taking the next job as soon as it is free.
 * Results come back in job order whatever the completion order; `onResult`
 * sees each as it completes. A job that throws, or a worker that dies,
 * rejects the whole run (the other workers are terminated).
 */
export async function runInWorkers<J, R>(module: URL, jobs: readonly J[], threads: number, onResult?: (index: number, result: R) => void): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  if (jobs.length === 0) return results;
  const n = Math.max(1, Math.min(threads, jobs.length));
  const workers: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const give = (w: Worker) => {
        if (next < jobs.length) {
          const m: JobMessage<J> = { index: next, job: jobs[next]! };
          next++;
          w.postMessage(m);
        }
      };
      for (let i = 0; i < n; i++) {
        const w = spawnWorker(module);
        workers.push(w);
        w.on('message', (m: ResultMessage<R>) => {
          if (!m.ok) return reject(jobError(m.index, m.error));
          results[m.index] = m.result;
          onResult?.(m.index, m.result);
          if (++done === jobs.length) resolve();
          else give(w);
        });
        w.on('error', (e) => reject(e));
        w.on('exit', (code) => {
          if (done < jobs.length) reject(new Error(`a worker exited (code ${code}) with ${jobs.length - done} jobs unfinished`));
        });
        give(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** A job's error as one line (`job I: message`); the worker's stack stays in `workerStack`. */
function jobError(index: number, stack: string): Error {
  const e = new Error(`job ${index}: ${stack.split('\n')[0]!.replace(/^Error: /, '')}`);
  return Object.assign(e, { workerStack: stack });
}
