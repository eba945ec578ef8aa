/**
 * Issue 11, review P7: footprints are recorded (model/mm/footprint/), and
 * local steps are checked against them rather than trusted.
 */
import { describe, expect, it } from 'vitest';
import { conflict, SEP } from '../../../model/mm/footprint/Footprint.js';
import { Recorder } from '../../../model/mm/footprint/recordingProxy.js';
import { mutLocks } from '../../../model/mm/mutate.js';
import { lockId, lockState } from '../../../model/mm/locks.js';
import { ProgramRegistry } from '../../../model/mm/step/ProgramRegistry.js';
import type { Program } from '../../../model/mm/step/Program.js';
import { bfs } from '../../../src/engine/bfs.js';
import { siteChecks } from '../../../src/cli/siteChecks.js';
import { withWrappedSteps } from '../util/wrappedSteps.js';
import type { Invariant } from '../../../src/engine/Property.js';
import type { MmState } from '../../../model/mm/MmState.js';

const p = (...xs: string[]) => xs.join(SEP);

describe('footprints', () => {
  it('records reads, walks and writes at object granularity', () => {
    const rec = new Recorder();
    const s = rec.root({
      cfg: { big: 1 },
      pteTables: [{ ptes: [null, { kind: 'present', frame: 3 }] }],
      frames: [{ ref: 1, map: 1 }],
      locks: { 'mm0.mmap_sem': { holder: null as number | null, readers: 0 } },
    });
    rec.run(() => {
      void s.cfg.big; // constant: not recorded
      void s.pteTables[0]!.ptes[1]!.frame;
      s.frames[0]!.ref = 2;
      s.locks['mm0.mmap_sem'] = { holder: 0, readers: 0 };
    });
    expect([...rec.fp.reads]).toEqual([p('pteTables', '0', 'ptes', '1')]);
    expect([...rec.fp.walks]).toEqual([
      p('pteTables'),
      p('pteTables', '0'),
      p('pteTables', '0', 'ptes'),
      p('pteTables', '0', 'ptes', '1'),
      p('frames'),
      p('frames', '0'),
      p('locks'),
    ]);
    expect([...rec.fp.writes]).toEqual([p('frames', '0'), p('locks', 'mm0.mmap_sem')]);
  });

  it('two steps commute unless one writes what the other touches (a walk only conflicts with a write at or above it)', () => {
    const f = (reads: string[], walks: string[], writes: string[]) => ({ reads: new Set(reads), walks: new Set(walks), writes: new Set(writes) });
    const pte1 = p('pteTables', '0', 'ptes', '1');
    const pte0 = p('pteTables', '0', 'ptes', '0');
    expect(conflict(f([pte1], [p('pteTables', '0')], []), f([], [], [pte0]))).toBeUndefined();
    expect(conflict(f([pte1], [], []), f([], [], [pte1]))).toBe(pte1);
    expect(conflict(f([], [p('pteTables', '0')], []), f([], [], [p('pteTables', '0')]))).toBe(p('pteTables', '0'));
    expect(conflict(f([p('pteTables', '0', 'ptes', 'length')], [], []), f([], [], [pte1]))).toBeUndefined();
  });
});

describe('local steps are checked (review P7)', () => {
  it('a step marked local with a guard is refused when its program is registered', () => {
    const bad: Program = { name: 'bad', locals: () => ({}), steps: [{ label: 'wait', at: 'x.c:f', local: true, guard: () => true, run: () => 'Done' }] };
    expect(() => new ProgramRegistry([bad])).toThrow(/marked local but has a guard/);
  });

  it('a local step that writes shared state is a model error naming the step (--por-check)', () => {
    const { built, model } = withWrappedSteps(
      'madv-free-vs-kvm-write',
      'mmu_notifier_invalidate_range',
      (s) => s.local === true,
      (ctx) => {
        mutLocks(ctx.s)[lockId(ctx.s, 'mm0.mmap_sem')!] = { ...lockState(ctx.s, 'mm0.mmap_sem')! };
      },
    );
    const r = bfs(model, built.properties, { por: true, porCheck: true });
    expect(r.status).toBe('model-error');
    if (r.status !== 'model-error') return;
    expect(r.message).toMatch(/mmu_notifier_invalidate_range:invalidate_range: a local step writes locks\[mm0\.mmap_sem\]/);
    // without the check the same run explores (the hint was only ever trusted)
    expect(bfs(model, built.properties).status).not.toBe('model-error');
  });

  it('--por-check passes on a scenario and reports the reduction', () => {
    const c = siteChecks({ profile: 'seed', scenario: 'dax-pmd-mkclean-vs-split' })[0]!;
    const b = c.build();
    const plain = bfs(b.model, b.properties);
    const r = bfs(b.model, b.properties, { por: true, porCheck: true });
    expect(r.status).toBe(plain.status);
    expect(r.stats.por).toBeDefined();
    expect(r.stats.distinctStates).toBeLessThanOrEqual(plain.stats.distinctStates);
    expect(r.stats.transitions).toBeLessThanOrEqual(plain.stats.transitions);
  });
});

describe('reads of invariants, checked in a reduced run', () => {
  it('an invariant reading past its declaration only in later states (once a notifier range is in flight) is still a model error', () => {
    const b = siteChecks({ profile: 'seed', scenario: 'ksm-merge-vs-kvm-write' })[0]!.build();
    // declared like no-stale-frame (propertyReads.ts): mirrors, tables, frames, ranges; reads the locks only while a range is in flight
    const sneaky: Invariant<MmState> = {
      kind: 'invariant',
      name: 'no-stale-frame',
      description: 'test: reads the lock table while a range is in flight',
      check: (s) => (s.threads.some((t) => t.ranges.length > 0) && s.locks.length < 0 ? 'never' : undefined),
    };
    const props = [...b.properties.filter((p) => p.name !== 'no-stale-frame'), sneaky] as typeof b.properties;
    const r = bfs(b.model, props, { por: true });
    expect(r.status).toBe('model-error');
    expect(r.status === 'model-error' && r.message).toMatch(/property no-stale-frame reads locks/);
  });
});
