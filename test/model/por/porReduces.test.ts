/**
 * Issue 11: what makes --por reduce on the mm model, each piece checked on
 * its own (the differential, porDifferential*.test.ts, checks that it keeps
 * every verdict).
 */
import { describe, expect, it, vi } from 'vitest';
import { AmpleSets } from '../../../src/engine/por/AmpleSets.js';
import { bfs } from '../../../src/engine/bfs.js';
import { buildMmCheck } from '../../../src/cli/buildMmCheck.js';
import { siteChecks } from '../../../src/cli/siteChecks.js';
import { loadScenarioFile } from '../../../model/scenario/loadScenarioFile.js';
import { resolveScenario } from '../../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../../model/sites/catalog.js';
import { SEP, type Footprint } from '../../../model/mm/footprint/Footprint.js';
import { threadFuture } from '../../../model/mm/footprint/threadFuture.js';
import type { MmPartialOrder, MmActionRef } from '../../../model/mmPartialOrder.js';
import type { MmState } from '../../../model/mm/MmState.js';
import type { Model } from '../../../src/engine/Model.js';
import { lockReleaseByHolder } from '../../../properties/lockReleaseByHolder.js';

const twoMms = async () => {
  const ex = await loadScenarioFile('model/scenario/examples/two-mms-kvm-odp.json');
  return buildMmCheck(resolveScenario(ex.scenario, CATALOG, { profile: 'seed', overrides: [] }));
};
const touches = (f: Footprint, p: string) => [...f.reads, ...f.writes].some((x) => x === p || x.startsWith(p + SEP) || p.startsWith(x + SEP));

describe('--por reduces on the mm model', () => {
  it('two-mms-kvm-odp: fewer states and transitions, same verdict, with the debug check (11,040 states before, with or without)', async () => {
    const b = await twoMms();
    const plain = bfs(b.model, b.properties);
    const por = bfs(b.model, b.properties, { por: true, porCheck: true });
    expect(por.status).toBe(plain.status);
    expect(por.stats.distinctStates).toBeLessThan(plain.stats.distinctStates);
    expect(por.stats.transitions).toBeLessThan(plain.stats.transitions);
  });

  it('a device access is confined to its mirror mm: its future names no lock or mirror of the other mm; with programs replaced, nothing is confined', async () => {
    const b = await twoMms();
    const s = (b.model as unknown as Model<MmState, MmActionRef>).initialStates()[0]!;
    const guest = s.cfg.threads.findIndex((t) => t.op === 'device_access');
    const f = threadFuture(s, guest, true);
    const lock = (name: string) => `locks${SEP}${s.cfg.lockIds.get(name)!}`;
    expect(touches(f, lock('mm1.mmap_sem'))).toBe(false);
    expect(touches(f, `mirrors${SEP}1`)).toBe(false);
    expect(touches(f, lock('mm0.mmap_sem'))).toBe(true);
    const coarse = threadFuture(s, guest, false);
    expect(touches(coarse, lock('mm1.mmap_sem'))).toBe(true);
    expect(touches(coarse, 'mirrors')).toBe(true);
  });

  it("a step property's reads on an edge are part of the action's footprint, and lock-release-by-holder reads only the locks the step changed", () => {
    const b = siteChecks({ profile: 'seed', scenario: 'ksm-merge-vs-kvm-write' })[0]!.build();
    const m = b.model as unknown as Model<MmState, MmActionRef>;
    const po = (b.model as unknown as { partialOrder: MmPartialOrder }).partialOrder;
    const p = lockReleaseByHolder();
    // the first step that takes a lock, from the initial state on
    let s = m.initialStates()[0]!;
    for (let i = 0; i < 40; i++) {
      const acts: MmActionRef[] = [];
      m.actions(s, acts);
      const a = acts[0]!;
      const ns = m.nextState(s, a);
      if (ns.locks !== s.locks) {
        const changed = s.locks.flatMap((l, k) => (l !== ns.locks[k] ? [k] : []));
        const reads = po.edgeReads(s, a, [p], (_, v) => void p.check(v[0]!, a, v[1]!));
        const lockReads = [...reads.reads, ...reads.walks].filter((x) => x.startsWith(`locks${SEP}`) && x !== `locks${SEP}#keys`);
        expect(changed.length).toBeGreaterThan(0);
        expect([...new Set(lockReads)].sort()).toEqual(changed.map((k) => `locks${SEP}${k}`).sort());
        return;
      }
      s = ns;
    }
    throw new Error('no lock step in 40 steps');
  });

  it('sleep sets alone (no ample set taken) reach every state of two site scenarios, by fewer transitions; on top of the ample sets, fewer transitions than those alone', () => {
    for (const name of ['ksm-merge-vs-kvm-write', 'migrate-vma-hole-vs-kvm-read']) {
      const b = siteChecks({ profile: 'seed', scenario: name })[0]!.build();
      const full = bfs(b.model, b.properties, { allViolations: true });
      const ample = bfs(b.model, b.properties, { allViolations: true, por: true });
      const both = bfs(b.model, b.properties, { allViolations: true, por: true, sleepSets: true });
      expect(both.status).toBe(full.status);
      expect(both.stats.transitions).toBeLessThan(ample.stats.transitions);
      const choose = vi.spyOn(AmpleSets.prototype, 'choose').mockReturnValue(undefined);
      try {
        const alone = bfs(b.model, b.properties, { allViolations: true, por: true, sleepSets: true });
        expect({ name, status: alone.status, states: alone.stats.distinctStates }).toEqual({ name, status: full.status, states: full.stats.distinctStates });
        expect(alone.stats.transitions).toBeLessThan(full.stats.transitions);
        expect(alone.stats.por!.sleptTransitions).toBeGreaterThan(0);
      } finally {
        choose.mockRestore();
      }
    }
  });
});
