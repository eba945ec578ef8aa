/**
 * Issue 11's proof that the partial-order reduction is sound here: every
 * pinned subject (site scenarios under both event profiles, examples, mutant
 * baselines, mutants) explored with `por` and its debug check (`porCheck`:
 * the model's hints, bounds and recording checked on every enabled action of
 * every state, and every pruned action checked to commute with the ample
 * ones) keeps the verdict and the violated properties of its pinned run
 * without reductions (test/fixtures/pinned-counts.json), reachability guards
 * included (an unmet guard is a violation), and, when it explores the whole
 * graph (no violation), no more states or transitions. A run that stops at its
 * first violation may explore more: the reduced graph's shortest path to a
 * bad state can be longer than the full graph's (dontneed-vs-two-sva-faults:
 * 22 steps instead of 21, 1,471 states before it instead of 1,261).
 *
 * And the reduction itself is pinned: each subject's status, distinct
 * states, transitions and violations with `por` are those of
 * test/fixtures/pinned-por-counts.json (a change to how cheaply ample sets
 * are computed must keep them; one that means to prune more or less
 * regenerates the file with `npx tsx test/util/writePinnedCounts.ts --por`
 * and says why in its commit).
 *
 * With `sleep`, the same with the sleep sets too (src/engine/por/SleepSets.ts,
 * the debug check then also runs each step kept asleep against the step it
 * commutes with, in both orders), pinned in
 * test/fixtures/pinned-sleep-counts.json (`--sleep` to the same script).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { pinSubjects, type Pin } from '../../util/pinnedCounts.js';

const pinned = JSON.parse(readFileSync('test/fixtures/pinned-counts.json', 'utf8')) as Record<string, Pin>;
const porPinned = JSON.parse(readFileSync('test/fixtures/pinned-por-counts.json', 'utf8')) as Record<string, Pin>;
const sleepPinned = JSON.parse(readFileSync('test/fixtures/pinned-sleep-counts.json', 'utf8')) as Record<string, Pin>;
const property = (v: string) => v.slice(0, v.lastIndexOf(':'));

export async function porDifferential(group: (name: string) => boolean, sleep = false): Promise<void> {
  const subjects = (await pinSubjects({ por: true, porCheck: true, ...(sleep ? { sleepSets: true } : {}) })).filter((s) => group(s.name));
  const reduced = sleep ? sleepPinned : porPinned;
  for (const s of subjects) {
    it(s.name, () => {
      const want = pinned[s.name]!;
      const got = s.run();
      expect({ status: got.status, violated: got.violations.map(property) }).toEqual({ status: want.status, violated: want.violations.map(property) });
      expect(got).toEqual(reduced[s.name]); // --por-check prunes what --por does: the same counts
      if (want.status !== 'ok') return;
      expect(got.states).toBeLessThanOrEqual(want.states);
      expect(got.transitions).toBeLessThanOrEqual(want.transitions);
    });
  }
}
