/** The CPU TLB: clear, flush, free order; freeing before the flush is observable. */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import type { Program } from '../../../model/mm/step/Program.js';
import { DONE } from '../../../model/mm/step/Program.js';
import { defaultRegistry } from '../../../model/scenario/defaultRegistry.js';
import { bfs } from '../../../src/engine/bfs.js';
import { noStaleTlb, reaches } from '../util/checks.js';
import { cpu, dontneed, oneMirror } from '../util/scenarios.js';

const sc = oneMirror('kvm', [dontneed(0, 2), cpu(0, true)], { mirrors: [] });

describe('CPU TLB and mmu_gather', () => {
  it('zap_page_range flushes the TLB before the pages are freed', () => {
    const r = bfs(buildMmModel(sc), [noStaleTlb, reaches('tlb-filled-then-zapped', 0, 'pte_offset_map_lock', (s) => s.mms[0]!.tlb[0] !== null)]);
    expect(r.status).toBe('ok');
  });
  it('a gather that never flushes leaves a TLB entry to a freed frame (mutant)', () => {
    const noFlush: Program = { name: 'tlb_flush_mmu_tlbonly', locals: () => ({}), steps: [{ label: 'tlb_flush', at: 'mutant', run: () => DONE }] };
    const r = bfs(buildMmModel(sc, { registry: defaultRegistry().replace(noFlush) }), [noStaleTlb]);
    expect(r.status === 'violation' && r.violations[0]!.property).toBe('no-stale-tlb');
  });
  it('a write through a clean TLB entry walks again and sets the PTE dirty bit', () => {
    const m = buildMmModel(
      oneMirror('kvm', [cpu(0, false), cpu(0, true)], {
        mirrors: [],
        mms: [{ vmas: [{ start: 0, end: 4, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: false }] }],
      }),
    );
    let s = m.initialStates()[0]!;
    s = m.nextState(s, { thread: 0, outcome: 0 }); // TLB miss
    s = m.nextState(s, { thread: 0, outcome: 0 }); // walk: fill a clean entry
    expect(s.mms[0]!.tlb[0]).toMatchObject({ write: true, dirty: false });
    s = m.nextState(s, { thread: 1, outcome: 0 });
    s = m.nextState(s, { thread: 1, outcome: 0 });
    expect(s.mms[0]!.tlb[0]).toMatchObject({ dirty: true });
    expect(s.frames[0]!.ver).toBe(1);
  });
});
