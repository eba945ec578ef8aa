/**
 * Issue 11: --por composes with checkpoints (a resumed reduced run equals an
 * uninterrupted one: the proviso reads the restored seen-set, visibility the
 * restored guards) and with --symmetry (same verdicts as a plain run).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bfs } from '../../../src/engine/bfs.js';
import { Checkpointer } from '../../../src/engine/Checkpointer.js';
import type { ExploreResult } from '../../../src/engine/ExploreResult.js';
import { writeAtomic } from '../../../src/util/writeAtomic.js';
import { siteChecks } from '../../../src/cli/siteChecks.js';
import { doubledSubjects } from '../../util/doubledSubjects.js';

const counts = (r: ExploreResult) => ({
  status: r.status,
  states: r.stats.distinctStates,
  transitions: r.stats.transitions,
  violations: r.violations.map((v) => `${v.property}:${v.trace.path.join(',')}`),
});
const verdict = (r: ExploreResult) => ({ status: r.status, violated: r.violations.map((v) => v.property) });

describe('--por composes', () => {
  it('with checkpoints: a reduced run stopped by a budget and resumed gives the counts and traces of an uninterrupted one', () => {
    const b = siteChecks({ profile: 'seed', scenario: 'madv-free-vs-kvm-write' })[0]!.build();
    const straight = bfs(b.model, b.properties, { por: true });
    expect(straight.stats.por!.prunedTransitions).toBeGreaterThan(0);
    const ck = new Checkpointer(join(mkdtempSync(join(tmpdir(), 'mnc-por-ck-')), 'ck.bin'), 'por', writeAtomic, 300);
    const first = bfs(b.model, b.properties, { por: true, maxStates: 60, checkpointer: ck });
    expect(first.status).toBe('incomplete');
    const snap = ck.load();
    if (typeof snap === 'string') throw new Error(snap);
    const resumed = bfs(b.model, b.properties, { por: true, checkpointer: ck, resume: snap });
    expect(counts(resumed)).toEqual(counts(straight));
  });

  it('with --symmetry: the verdict and violated properties of the plain run', async () => {
    const b = (await doubledSubjects()).find((x) => x.name === 'site/seed/mprotect-at-zero-vs-kvm-read')!.build();
    const plain = bfs(b.model, b.properties, { allViolations: true });
    const both = bfs(b.model, b.properties, { allViolations: true, symmetry: true, por: true, porCheck: true });
    expect(verdict(both)).toEqual(verdict(plain));
    expect(both.stats.distinctStates).toBeLessThanOrEqual(bfs(b.model, b.properties, { allViolations: true, symmetry: true }).stats.distinctStates);
  });
});
