/**
 * S4 (FINDINGS.md "Found by the sweep"): mm/ksm.c:replace_page clears with
 * ptep_clear_flush, not the _notify variant, so an IOMMU's IOTLB may keep
 * the old page until the end's ->invalidate_range. tlb-mirror-coherence
 * allows exactly the documented window (Documentation/vm/mmu_notifier.rst:
 * a new write-protected page with the same content) and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { MmState, NotifierRange, PmdEntry } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES } from '../../model/sweep/SweepScope.js';
import { contractProperties } from '../../properties/mmProperties.js';
import { SWEEP_KNOWN_FINDINGS } from '../../properties/knownFindings.js';
import { runSweepJob } from '../../src/cli/runSweepJob.js';
import { triage } from '../../src/sweep/triage.js';

const S4 = 's13-ksm_merge-ksm-pair@0-ee17fd83f016';
const config = generateSweep(SCOPES.small, { events: 'seed', sites: [13] }).configs.find((c) => c.id === S4)!;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests poke at fields of a draft; the state's readonly and index types would only add casts
type D = { -readonly [K in keyof MmState]: any };
const inv = (name: string, s: MmState) => {
  const p = contractProperties().find((x) => x.name === name)!;
  if (p.kind !== 'invariant') throw new Error(name);
  return p.check(s);
};
const range: NotifierRange = { site: '13', mm: 0, start: 0, end: 1, event: 'MMU_NOTIFY_UNMAP', vma: 0, blockable: true, phase: 'started', err: 0, subs: [] };

/**
 * The S4 configuration's initial state (mm0: page 0 -> frame 0 rw, the candidate; page 1 -> frame 1 ro, the KSM page)
 * moved to the state after replace_page's set_pte_at: page 0 -> frame 1 ro, the IOTLB still maps frame 0 ro, which
 * the merge still references (mapcount 0), the range of #13 in flight.
 */
function afterReplace(): MmState {
  const { scenario, registry } = resolveScenario(config.scenario, CATALOG, { profile: 'seed' });
  const s0 = buildMmModel(scenario, { registry }).initialStates()[0]!;
  return produce(s0, (d: D) => {
    const pt = (d.pmdTables[d.mms[0].pud[0]].entries[0] as Extract<PmdEntry, { kind: 'table' }>).table;
    d.pteTables[pt].ptes[0] = { kind: 'present', frame: 1, write: false, dirty: false, young: true, softDirty: false };
    d.frames[0] = { ...d.frames[0], map: 0, ref: 1 };
    d.frames[1] = { ...d.frames[1], map: 2, ref: 2 };
    d.mirrors[0].entries[0] = { frame: 0, gen: d.frames[0].gen, write: false };
    d.threads[0].ranges = [range];
  });
}
const edit = (s: MmState, f: (d: D) => void) => produce(s, f);

describe('tlb-mirror-coherence: the read-only same-content window (S4)', () => {
  it('the state after replace_page, before the end, is the documented window', () => {
    const s = afterReplace();
    expect(s.mirrors[0]!.kind).toBe('sva');
    expect(inv('tlb-mirror-coherence', s)).toBeUndefined();
    expect(inv('no-stale-frame', s)).toBeUndefined();
  });

  it('outside it every lag is still caught', () => {
    const s = afterReplace();
    const stale = /secondary TLB maps frame 0 gen 1 ro while the CPU already maps frame 1/;
    // different content: the old page was written since (or the pages never were identical)
    expect(
      inv(
        'tlb-mirror-coherence',
        edit(s, (d) => void (d.frames[0].ver += 1)),
      ),
    ).toMatch(stale);
    // the range ended and the entry is still there: ->invalidate_range at the end must have flushed it
    expect(
      inv(
        'tlb-mirror-coherence',
        edit(s, (d) => void (d.threads[0].ranges = [])),
      ),
    ).toMatch(stale);
    // the CPU maps the new page writable: not a write-protected replacement
    const writableNew = edit(s, (d) => {
      const pt = (d.pmdTables[d.mms[0].pud[0]].entries[0] as Extract<PmdEntry, { kind: 'table' }>).table;
      d.pteTables[pt].ptes[0].write = true;
    });
    expect(inv('tlb-mirror-coherence', writableNew)).toMatch(/while the CPU already maps frame 1 rw/);
    // the old page is not write-protected: the entry, or some CPU PTE, may still write it
    expect(
      inv(
        'tlb-mirror-coherence',
        edit(s, (d) => void (d.mirrors[0].entries[0].write = true)),
      ),
    ).toMatch(/frame 0 gen 1 rw while the CPU already maps frame 1/);
    const writableOld = edit(s, (d) => {
      const pt = (d.pmdTables[d.mms[0].pud[0]].entries[0] as Extract<PmdEntry, { kind: 'table' }>).table;
      d.pteTables[pt].ptes[1] = { kind: 'present', frame: 0, write: true, dirty: false, young: true, softDirty: false };
    });
    expect(inv('tlb-mirror-coherence', writableOld)).toMatch(stale);
  });

  it('device-access: a device read through the entry in the window reads identical, live memory; outside it, it is caught', () => {
    const s = afterReplace();
    const p = contractProperties().find((x) => x.name === 'device-access')!;
    const read = (x: MmState) => (p.kind === 'step' ? p.check(x, { thread: 1, outcome: 0 }, x) : 'not a step property');
    // thread 1 (sva0's device read of page 0) is at its access step
    expect([s.threads[1]!.frames[0]!.prog, s.threads[1]!.frames[0]!.pc, s.threads[1]!.frames[0]!.locals['addr']]).toEqual([
      'device_access',
      'device_access',
      0,
    ]);
    expect(read(s)).toBeUndefined();
    expect(read(edit(s, (d) => void (d.frames[0].ver += 1)))).toMatch(/device read through frame 0 gen 1 ro while the CPU maps frame 1/);
    expect(read(edit(s, (d) => void (d.threads[0].ranges = [])))).toMatch(/device read through frame 0 gen 1 ro while the CPU maps frame 1/);
  });

  it('a lag to a freed or reused old page is no-stale-frame', () => {
    const s = afterReplace();
    const freed = edit(s, (d) => void (d.frames[0] = { ...d.frames[0], kind: 'free', ref: 0 }));
    expect(inv('no-stale-frame', freed)).toMatch(/mirror entry frame 0 gen 1 ro maps a frame that is free/);
    const reused = edit(s, (d) => void (d.frames[0] = { ...d.frames[0], gen: d.frames[0].gen + 1 }));
    expect(inv('no-stale-frame', reused)).toMatch(/maps a frame that is reallocated \(gen 2\)/);
  });

  it(`the S4 configuration ${S4} shows nothing new`, () => {
    expect(config).toBeDefined();
    const raw = runSweepJob({ site: 13, scenario: config.scenario, events: 'seed', maxSeconds: 120 });
    const r = triage(
      { ...raw, id: S4, site: '13', path: config.path, config: { layout: config.layout, subscribers: [...config.subscribers], threads: [...config.threads] } },
      SWEEP_KNOWN_FINDINGS,
      'seed',
    );
    expect([r.status, r.property, r.message ?? null]).toEqual(['ok', null, null]);
  });
});
