import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bfs } from '../../src/engine/bfs.js';
import { Checkpointer } from '../../src/engine/Checkpointer.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { writeAtomic } from '../../src/util/writeAtomic.js';
import { doubledSubjects } from '../util/doubledSubjects.js';

const verdict = (r: ExploreResult) => ({ status: r.status, properties: r.violations.map((v) => `${v.kind}:${v.property}`).sort() });
const counts = (r: ExploreResult) => ({
  status: r.status,
  states: r.stats.distinctStates,
  transitions: r.stats.transitions,
  violations: r.violations.map((v) => `${v.property}:${v.trace.path.join(',')}`),
});
const subjects = await doubledSubjects();

// --por and --symmetry together (issue 11): the ample sets are chosen on the canonical state and the
// cycle proviso asks about canonical successors, so the two reductions compose.
describe('--por with --symmetry', () => {
  it.each(['site/seed/munmap-vs-kvm-fault', 'site/seed/oom-reap-vs-kvm-fault', 'site/seed/mprotect-at-zero-vs-kvm-read'])(
    '%s doubled: the same verdict with either, both or neither; both store no more than symmetry alone',
    (name) => {
      const b = subjects.find((x) => x.name === name)!.build();
      const plain = bfs(b.model, b.properties, { allViolations: true });
      const sym = bfs(b.model, b.properties, { allViolations: true, symmetry: true });
      const por = bfs(b.model, b.properties, { allViolations: true, por: true });
      const both = bfs(b.model, b.properties, { allViolations: true, por: true, symmetry: true });
      for (const r of [sym, por, both]) expect(verdict(r)).toEqual(verdict(plain));
      expect(both.stats.distinctStates).toBeLessThanOrEqual(sym.stats.distinctStates);
      expect(both.stats.transitions).toBeLessThanOrEqual(sym.stats.transitions);
      expect(sym.stats.distinctStates).toBeLessThan(plain.stats.distinctStates);
    },
  );

  it('with a checkpoint: stopped by a budget and resumed, the counts and traces of an uninterrupted run', () => {
    const b = subjects.find((x) => x.name === 'site/seed/mprotect-at-zero-vs-kvm-read')!.build();
    const opts = { por: true, symmetry: true, allViolations: true };
    const straight = bfs(b.model, b.properties, opts);
    const ck = new Checkpointer(join(mkdtempSync(join(tmpdir(), 'mnc-porsym-ck-')), 'ck.bin'), 'porsym', writeAtomic, 300);
    expect(bfs(b.model, b.properties, { ...opts, maxStates: 200, checkpointer: ck }).status).toBe('incomplete');
    const snap = ck.load();
    if (typeof snap === 'string') throw new Error(snap);
    expect(counts(bfs(b.model, b.properties, { ...opts, checkpointer: ck, resume: snap }))).toEqual(counts(straight));
  });
});
