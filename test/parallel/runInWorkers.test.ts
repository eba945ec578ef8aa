import { describe, expect, it } from 'vitest';
import { runInWorkers } from '../../src/parallel/runInWorkers.js';
import { defaultThreads } from '../../src/parallel/defaultThreads.js';
import type { ToyJob } from './util/toyWorker.js';

const WORKER = new URL('./util/toyWorker.js', import.meta.url);
type Out = { square: number; thread: number };

describe('runInWorkers', () => {
  it('returns results in job order whatever the completion order, and reports each once', async () => {
    // the first job is the slowest: with two threads the others complete before it
    const jobs: ToyJob[] = [{ n: 1, spin: 100 }, ...[2, 3, 4, 5, 6].map((n) => ({ n, spin: 0 }))];
    const seen: number[] = [];
    const out = await runInWorkers<ToyJob, Out>(WORKER, jobs, 2, (i, r) => {
      expect(r.square).toBe(jobs[i]!.n ** 2);
      seen.push(i);
    });
    expect(out.map((r) => r.square)).toEqual([1, 4, 9, 16, 25, 36]);
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(out.map((r) => r.thread)).size).toBeLessThanOrEqual(2);
    expect(out.every((r) => r.thread > 0)).toBe(true); // never on the main thread (threadId 0)
  });

  it('no jobs: no workers, empty result', async () => {
    expect(await runInWorkers(new URL('./util/none.js', import.meta.url), [], 4)).toEqual([]);
  });

  it('a job that throws rejects the run with its message (one line)', async () => {
    const jobs: ToyJob[] = [
      { n: 1, spin: 0 },
      { n: -7, spin: 0 },
      { n: 3, spin: 0 },
    ];
    const e = await runInWorkers<ToyJob, Out>(WORKER, jobs, 2).then(
      () => undefined,
      (x: Error) => x,
    );
    expect(e?.message).toBe('job 1: negative job -7');
    expect((e as Error & { workerStack?: string }).workerStack).toMatch(/toyWorker/);
  });

  it('a worker module that does not exist is an error naming it', async () => {
    await expect(runInWorkers(new URL('./util/none.js', import.meta.url), [{ n: 1, spin: 0 }], 1)).rejects.toThrow(/none\.js not found/);
  });
});

describe('defaultThreads', () => {
  it('at least one, never more than the jobs', () => {
    expect(defaultThreads(0)).toBe(1);
    expect(defaultThreads(1)).toBe(1);
    expect(defaultThreads(1000)).toBeGreaterThanOrEqual(1);
    expect(defaultThreads(1000)).toBeLessThanOrEqual(1000);
    expect(defaultThreads(2)).toBeLessThanOrEqual(2);
  });
});
