import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bfs } from '../../src/engine/bfs.js';
import { Checkpointer } from '../../src/engine/Checkpointer.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { writeAtomic } from '../../src/util/writeAtomic.js';
import { doubledSubjects } from '../util/doubledSubjects.js';

const counts = (r: ExploreResult) => ({
  status: r.status,
  states: r.stats.distinctStates,
  transitions: r.stats.transitions,
  violations: r.violations.map((v) => `${v.property}:${v.trace.path.join(',')}`),
});

describe('--symmetry with checkpoints', () => {
  it('a run stopped by a budget and resumed from its checkpoint gives the counts and traces of an uninterrupted one', async () => {
    // two interchangeable guests; thread-ends-closed is a known finding of this scenario
    const b = (await doubledSubjects()).find((x) => x.name === 'site/seed/mprotect-at-zero-vs-kvm-read')!.build();
    const straight = bfs(b.model, b.properties, { symmetry: true, allViolations: true });
    const ck = new Checkpointer(join(mkdtempSync(join(tmpdir(), 'mnc-sym-ck-')), 'ck.bin'), 'sym', writeAtomic, 300);
    const first = bfs(b.model, b.properties, { symmetry: true, allViolations: true, maxStates: 200, checkpointer: ck });
    expect(first.status).toBe('incomplete');
    const snap = ck.load();
    if (typeof snap === 'string') throw new Error(snap);
    const resumed = bfs(b.model, b.properties, { symmetry: true, allViolations: true, checkpointer: ck, resume: snap });
    expect(counts(resumed)).toEqual(counts(straight));
    expect(straight.stats.distinctStates).toBeLessThan(bfs(b.model, b.properties, { allViolations: true }).stats.distinctStates);
  });
});
