/** zap_pmd_range on a huge PMD: a whole PMD goes through zap_huge_pmd, a partial one is split first (site #6's program). */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { bfs } from '../../src/engine/bfs.js';
import { coherentAtEnd, noStaleEntry, noStaleTlb } from './util/checks.js';
import { device, dontneed, oneMirror } from './util/scenarios.js';

const huge = (threads: Parameters<typeof oneMirror>[1]) =>
  oneMirror('kvm', threads, { mms: [{ vmas: [{ name: 'v0', start: 0, end: 4, prot: 'rw' }], mappings: [{ addr: 0, write: true, huge: true }] }] });

describe('zap of a huge PMD', () => {
  it('a whole PMD is zapped by zap_huge_pmd and freed after the flush', () => {
    const m = buildMmModel(huge([dontneed(0, 2), device(1, true)]));
    const r = bfs(m, [noStaleEntry, noStaleTlb, coherentAtEnd]);
    expect(r.status).toBe('ok');
    let s = m.initialStates()[0]!;
    const acts: { thread: number; outcome: number }[] = [];
    for (;;) {
      acts.length = 0;
      m.actions(s, acts);
      const a = acts.find((x) => x.thread === 0);
      if (!a) break;
      s = m.nextState(s, a);
    }
    expect(s.pmdTables[0]!.entries[0]).toBeNull();
    expect(s.frames[0]!.kind).toBe('free');
  });
  it('a partial range splits the PMD first', () => {
    const m = buildMmModel(huge([dontneed(0, 1)]));
    const r = bfs(m, [noStaleEntry, noStaleTlb, coherentAtEnd]);
    expect(r.status === 'model-error' ? r.message : r.status).toBe('ok');
  });
});
