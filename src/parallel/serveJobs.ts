import { isMainThread, parentPort } from 'node:worker_threads';
import type { JobMessage, ResultMessage } from './WorkerMessage.js';

/**
 * The worker side of `runInWorkers`: answers each job message with
 * `handle(job)`. A job is plain data the worker rebuilds its work from
 * (never a function). Does nothing on the main thread, so a worker module
 * may also be imported there.
 */
export function serveJobs<J, R>(handle: (job: J) => R | Promise<R>): void {
  if (isMainThread || !parentPort) return;
  const port = parentPort;
  const answer = async (m: JobMessage<J>): Promise<void> => {
    let reply: ResultMessage<R>;
    try {
      reply = { index: m.index, ok: true, result: await handle(m.job) };
    } catch (e) {
      reply = { index: m.index, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply);
  };
  // answer() handles the job's own errors; a failing postMessage stays an unhandled rejection, which ends the worker
  port.on('message', (m: JobMessage<J>) => void answer(m));
}
