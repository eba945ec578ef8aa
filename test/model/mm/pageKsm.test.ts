/**
 * PageKsm (MmState Frame.ksm): the stable page a ksmd thread is given is a KSM page from the start, the page an
 * unstable merge write-protects becomes one (set_page_stable_node), and a write fault never reuses a KSM page
 * (mm/memory.c:do_wp_page v5.0: `PageAnon && !PageKsm`, else wp_page_copy). Before, the model had no PageKsm: a
 * write fault reused the stable page in place while ksmd merged another page into it, and a medium-scope sample
 * (Session 19, shard 145) reported the KSM page written through one address while mapped at another
 * (tlb-mirror-coherence, a model artifact).
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import type { MmState } from '../../../model/mm/MmState.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { translate } from '../../../model/mm/pageTable.js';
import { exploreConfig, scopeConfig } from '../../util/sweepConfig.js';
import { reachedStates } from '../../util/reachedStates.js';
import { ksmPairLayout } from '../../../model/sweep/sweepLayouts.js';

/** The sweep's ksm-pair layout (model/sweep/sweepLayouts.ts): page 0 the candidate (writable), page 1 the stable KSM page (read-only). */
const pair = (threads: Scenario['threads']): Scenario => {
  const l = ksmPairLayout();
  return { name: 'ksm-pair', expect: 'ok', geometry: l.geometry, frames: l.frames + 2, mms: l.mms, threads };
};

/** Every state one exploration of `sc` reaches. */
const states = (sc: Scenario): MmState[] => reachedStates(buildMmModel(sc));

/** The KSM pages some PTE of mm0 maps writable in `s`. */
const writableKsm = (s: MmState): number[] =>
  [0, 1].flatMap((a) => {
    const t = translate(s, 0, a);
    return t !== null && t.write && s.frames[t.frame]!.ksm ? [t.frame] : [];
  });

describe('PageKsm', () => {
  const ksmd = { name: 'ksmd', op: 'ksm_cmp_and_merge_page', args: { mm: 0, addr: 0, kmm: 0, kaddr: 1 } };
  const write1 = { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 1, write: true } };

  it('the stable page is a KSM page from the start, and a write fault copies it: no KSM page is ever mapped writable', () => {
    const all = states(pair([ksmd, write1]));
    const s0 = all[0]!;
    expect(s0.frames[translate(s0, 0, 1)!.frame]!.ksm).toBe(true);
    expect(s0.frames[translate(s0, 0, 0)!.frame]!.ksm).toBe(false);
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((s) => writableKsm(s).length > 0)).toEqual([]);
    // the write completes somewhere: addr 1 then maps a writable copy
    expect(all.some((s) => translate(s, 0, 1)?.write === true)).toBe(true);
  });

  it('an unstable merge makes the write-protected page a KSM page', () => {
    const all = states(pair([{ name: 'ksmd', op: 'ksm_cmp_and_merge_page', args: { mm: 0, addr: 0, kmm: -1, kaddr: -1 } }]));
    const last = all.filter((s) => s.threads.every((t) => t.frames.length === 0));
    expect(last.length).toBeGreaterThan(0);
    expect(last.some((s) => s.frames[translate(s, 0, 0)!.frame]!.ksm)).toBe(true);
  });

  it('a page this address already merged is left alone (cmp_and_merge_page: page_stable_node, rmap_item on it)', () => {
    const all = states(pair([{ name: 'ksmd', op: 'ksm_cmp_and_merge_page', args: { mm: 0, addr: 1, kmm: 0, kaddr: 1 } }]));
    expect(all.length).toBeGreaterThan(3);
    expect(all.filter((s) => s.threads[0]!.ranges.length > 0)).toEqual([]); // no write_protect_page, no replace_page
  });

  it('medium #13: ksmd merging beside an SVA device writing the stable page keeps every property', () => {
    const c = scopeConfig(13, 's13-ksm_merge-ksm-pair@0-15239e1eb1f6');
    expect(c.threads).toEqual(['ksmd: cmp_and_merge_page(mm0, 0) with page 1 as the KSM page', 'sva0: device read 0', 'sva0: device write 1']);
    const r = exploreConfig(c);
    expect([r.status, r.property]).toEqual(['ok', null]);
  });
});
