/** A worker for the pool tests: squares `n`, after `spin` busy milliseconds; `n < 0` throws. */
import { serveJobs } from '../../../src/parallel/serveJobs.js';
import { threadId } from 'node:worker_threads';

export interface ToyJob {
  readonly n: number;
  readonly spin: number;
}

serveJobs((job: ToyJob) => {
  if (job.n < 0) throw new Error(`negative job ${job.n}`);
  const until = Date.now() + job.spin;
  while (Date.now() < until);
  return { square: job.n * job.n, thread: threadId };
});
