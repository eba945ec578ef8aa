/**
 * Review P7: a chained local step's shared reads must be left movers, every
 * other thread's write of what they read excluded by a lock both hold
 * (model/mm/footprint/chainedReads.ts).
 */
import { describe, expect, it } from 'vitest';
import { ChainedReads, EXCUSED } from '../../../model/mm/footprint/chainedReads.js';
import { SEP } from '../../../model/mm/footprint/Footprint.js';
import type { MmModel } from '../../../model/MmModel.js';
import { bfs } from '../../../src/engine/bfs.js';
import { siteChecks } from '../../../src/cli/siteChecks.js';
import { withWrappedSteps } from '../util/wrappedSteps.js';
import { runStepRecorded } from '../../../model/mm/step/runStepRecorded.js';
import { currentStep } from '../../../model/mm/step/currentStep.js';
import type { MmState } from '../../../model/mm/MmState.js';

const pte = ['pteTables', '0', 'ptes', '1'].join(SEP);

describe('ChainedReads', () => {
  it('a write under a lock the reader holds too, one of them exclusively, is excluded', () => {
    const c = new ChainedReads();
    c.write(pte, 1, ['pte0.ptl'], 'w:set');
    expect(() => c.read(pte, 0, ['mm0.mmap_sem:r', 'pte0.ptl'], 'r:read')).not.toThrow();
    const d = new ChainedReads();
    d.read(pte, 0, ['mm0.mmap_sem'], 'r:read');
    expect(() => d.write(pte, 1, ['mm0.mmap_sem:r'], 'w:set')).not.toThrow();
  });

  it('a write under no common lock, or under one both hold shared, is a model error naming both steps (in either order)', () => {
    const c = new ChainedReads();
    c.write(pte, 1, ['mm0.mmap_sem:r'], 'w:set');
    expect(() => c.read(pte, 0, ['mm0.mmap_sem:r'], 'r:read')).toThrow(
      /r:read, a local step, reads pteTables\.0\.ptes\.1 holding mm0\.mmap_sem:r, which w:set of thread 1 writes/,
    );
    const d = new ChainedReads();
    d.read(pte, 0, [], 'r:read');
    expect(() => d.write(pte, 1, ['pte0.ptl'], 'w:set')).toThrow(/holding no lock/);
  });

  it('a write above or below the path read counts; its own thread and other objects do not', () => {
    const c = new ChainedReads();
    c.read(pte, 0, [], 'r:read');
    expect(() => c.write(['pteTables', '0', 'ptes', '2'].join(SEP), 1, [], 'w:set')).not.toThrow();
    expect(() => c.write(pte, 0, [], 'r:own')).not.toThrow();
    expect(() => c.write(['pteTables', '0'].join(SEP), 1, [], 'w:free')).toThrow(/w:free/);
  });

  it('an excused step is not checked', () => {
    const step = Object.keys(EXCUSED)[0]!;
    const c = new ChainedReads();
    c.write(pte, 1, [], 'w:set');
    expect(() => c.read(pte, 0, [], step)).not.toThrow();
  });
});

describe('chained reads in a run (--por-check)', () => {
  it('a local step made to read frames that other threads write without its locks is a model error naming it', () => {
    const {
      check: c,
      built,
      model,
    } = withWrappedSteps(
      'ksm-merge-vs-kvm-write',
      'write_protect_page',
      (s) => s.label === '*orig_pte',
      (ctx) => {
        for (const f of ctx.s.frames) void f.ref; // the refcounts the guest's fault takes and drops
      },
    );
    expect(model.registry.get('write_protect_page').steps.some((s) => s.label === '*orig_pte' && s.local)).toBe(true);
    const r = bfs(model, built.properties, { por: true, porCheck: true });
    expect(r.status).toBe('model-error');
    expect(r.status === 'model-error' && r.message).toMatch(
      /write_protect_page:\*orig_pte, a local step, reads frames\.\d+ holding .*pte0\.ptl.*, which \S+ of thread 1 writes/,
    );
    // the faithful step passes the same check
    expect(bfs(built.model, built.properties, { por: true, porCheck: true }).status).toBe(c.scenario.expect === 'violation' ? 'violation' : 'ok');
  });
});

describe('recorded writes carry the locks held', () => {
  it('a one-step section that runs only while its locks are free (huge_pmd_share: i_mmap_rwsem) writes holding them', () => {
    const c = siteChecks({ profile: 'seed', scenario: 'hugetlb-unshare-mprotect-vs-kvm-read' })[0]!;
    const model = c.build().model as MmModel;
    // breadth first to the first state where a thread stands at hugetlb_fault:huge_pmd_share, enabled
    let level: MmState[] = [...model.initialStates()];
    let found: { s: MmState; tid: number } | undefined;
    for (let depth = 0; depth < 30 && !found && level.length > 0; depth++) {
      const next: MmState[] = [];
      for (const s of level) {
        const acts: { thread: number; outcome: number }[] = [];
        model.actions(s, acts);
        const a = acts.find((x) => currentStep(model.registry, s.threads[x.thread]!)?.step.label === 'huge_pmd_share');
        if (a) {
          found = { s, tid: a.thread };
          break;
        }
        for (const x of acts) next.push(model.nextState(s, x));
      }
      level = next.slice(0, 200);
    }
    expect(found).toBeDefined();
    const r = runStepRecorded(model.registry, found!.s, found!.tid, 0);
    const pud = r.writes.filter((w) => w.path.split(SEP)[0] === 'mms' && w.path.split(SEP)[2] === 'pud');
    expect(pud.length).toBeGreaterThan(0);
    for (const w of pud) {
      expect(w.step).toBe('hugetlb_fault:huge_pmd_share');
      expect(w.held).toContain('file0.i_mmap_rwsem');
    }
  });
});
