/** The step DSL: locks as state, declared locals, vma resolution, canonical keys, dispatch order. */
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/engine/Model.js';
import { bfs } from '../../../src/engine/bfs.js';
import { buildMmModel } from '../../../model/MmModel.js';
import type { MmState } from '../../../model/mm/MmState.js';
import type { Program } from '../../../model/mm/step/Program.js';
import { DONE } from '../../../model/mm/step/Program.js';
import { resolveVma } from '../../../model/mm/step/resolveVma.js';
import { lockStep } from '../../../model/mm/step/steps.js';
import { LockName, lockState } from '../../../model/mm/locks.js';
import { rangeInit } from '../../../model/mm/notifier/rangeInit.js';
import { oneMirror } from '../util/scenarios.js';
import { nonblockZap } from '../util/nonblockZap.js';

const prog = (name: string, steps: Program['steps'], locals: Program['locals'] = () => ({})): Program => ({ name, locals, steps });
const sem = () => LockName.mmapSem(0);

function model(programs: Program[], threads: { name: string; op: string }[]) {
  return buildMmModel(oneMirror('kvm', threads), { programs });
}
const first = (m: ReturnType<typeof model>) => m.initialStates()[0]!;
const acts = (m: ReturnType<typeof model>, s: MmState) => {
  const out: { thread: number; outcome: number }[] = [];
  m.actions(s, out);
  return out;
};

describe('locks', () => {
  const writer = prog('writer', [lockStep('down_write', 'test', sem, 'w'), { label: 'hold', at: 'test', run: () => DONE }]);
  it('a taken lock blocks the other thread until released', () => {
    const m = model(
      [writer],
      [
        { name: 'a', op: 'writer' },
        { name: 'b', op: 'writer' },
      ],
    );
    const s1 = m.nextState(first(m), { thread: 0, outcome: 0 });
    expect(lockState(s1, sem())).toEqual({ holder: 0, readers: 0 });
    expect(acts(m, s1)).toEqual([{ thread: 0, outcome: 0 }]);
  });
  it('a thread that ends holding a lock deadlocks the other', () => {
    const m = model(
      [writer],
      [
        { name: 'a', op: 'writer' },
        { name: 'b', op: 'writer' },
      ],
    );
    const r = bfs(m, []);
    expect(r.status === 'violation' && r.violations[0]!.property).toBe('deadlock');
  });
  it('releasing a lock one does not hold is a model error', () => {
    const bad = prog('bad', [{ label: 'up_read', at: 'test', run: (c) => (c.unlock(sem(), 'r'), DONE) }]);
    const m = model([bad], [{ name: 'a', op: 'bad' }]);
    expect(() => m.nextState(first(m), { thread: 0, outcome: 0 })).toThrow(ModelError);
    expect(bfs(m, []).status).toBe('model-error');
  });
  it('readers share, a writer waits for them', () => {
    const reader = prog('reader', [lockStep('down_read', 'test', sem, 'r'), { label: 'hold', at: 'test', run: (c) => (c.unlock(sem(), 'r'), DONE) }]);
    const m = model(
      [reader, writer],
      [
        { name: 'r1', op: 'reader' },
        { name: 'r2', op: 'reader' },
        { name: 'w', op: 'writer' },
      ],
    );
    let s = m.nextState(first(m), { thread: 0, outcome: 0 });
    s = m.nextState(s, { thread: 1, outcome: 0 });
    expect(lockState(s, sem())).toEqual({ holder: null, readers: 2 });
    expect(acts(m, s).map((a) => a.thread)).toEqual([0, 1]);
  });
});

describe('locals', () => {
  it('writing an undeclared local is a model error', () => {
    const bad = prog('bad', [{ label: 'x', at: 'test', run: (c) => ((c.l['oops'] = 1), DONE) }], () => ({ ok: 0 }));
    const p2 = prog(
      'bad2',
      [
        { label: 'x', at: 'test', run: (c) => void (c.l['oops'] = 1) },
        { label: 'y', at: 'test', run: () => DONE },
      ],
      () => ({ ok: 0 }),
    );
    const m = model([bad, p2], [{ name: 'a', op: 'bad2' }]);
    expect(() => m.nextState(first(m), { thread: 0, outcome: 0 })).toThrow(/locals must be declared/);
  });

  it('dropping a declared local or changing their order is a model error; writing declared ones is not', () => {
    const run = (body: (l: Record<string, unknown>) => void): (() => unknown) => {
      const p = prog(
        'p',
        [
          { label: 'x', at: 'test', run: (c) => void body(c.l) },
          { label: 'y', at: 'test', run: () => DONE },
        ],
        () => ({ a: 0, b: 0 }),
      );
      const m = model([p], [{ name: 't', op: 'p' }]);
      return () => m.nextState(first(m), { thread: 0, outcome: 0 });
    };
    expect(run((l) => delete l['b'])).toThrow(/t\/p: locals must be declared .*got a, declared a,b/);
    expect(run((l) => (delete l['a'], (l['a'] = 1)))).toThrow(/got b,a, declared a,b/);
    expect(run((l) => ((l['a'] = 1), (l['b'] = 2)))).not.toThrow();
  });
});

describe('vma expressions', () => {
  it('resolve by name in scope; NULL is null; an unknown name is a model error', () => {
    expect(resolveVma('vmf->vma', { 'vmf->vma': 3, addr: 0 }, 'w')).toBe(3);
    expect(resolveVma('NULL', {}, 'w')).toBeNull();
    expect(() => resolveVma('new_vma', { vma: 1 }, 'w')).toThrow(/'new_vma' names nothing in scope \(vma names in scope: vma\)/);
  });
  it('a site whose configured vma expression is not in scope fails the run as a model error', () => {
    const init = prog('initer', [{ label: 'mmu_notifier_range_init', at: 'test', run: (c) => (rangeInit(c, 'test', 0, 0, 1), DONE) }], () => ({ vma: 0 }));
    const sc = oneMirror('kvm', [{ name: 'i', op: 'initer', sites: { test: { event: 'MMU_NOTIFY_CLEAR', vma: 'migrate->vma' } } }]);
    const r = bfs(buildMmModel(sc, { programs: [init] }), []);
    expect(r.status === 'model-error' && r.message).toMatch(/migrate->vma/);
  });
});

describe('canonical keys', () => {
  it('independent steps in either order give the same key; different states differ', () => {
    const m = buildMmModel(
      oneMirror('kvm', [
        { name: 'c0', op: 'cpu_access', args: { mm: 0, addr: 0, write: false } },
        { name: 'c1', op: 'cpu_access', args: { mm: 0, addr: 1, write: false } },
      ]),
    );
    const s0 = first(m);
    const ab = m.nextState(m.nextState(s0, { thread: 0, outcome: 0 }), { thread: 1, outcome: 0 });
    const ba = m.nextState(m.nextState(s0, { thread: 1, outcome: 0 }), { thread: 0, outcome: 0 });
    expect(m.key(ab)).toEqual(m.key(ba));
    expect(m.key(ab)).not.toEqual(m.key(s0));
  });
});

describe('notifier dispatch', () => {
  it('start calls every subscriber in order, goes on after an error and returns it (nonblock); v5.0: the subscriber that succeeded never gets its end', () => {
    const sc = oneMirror(
      'odp',
      [{ name: 'reaper', op: 'test_nonblock_zap', args: { vma: 'vma:v0' }, sites: { test: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } }],
      {
        mirrors: [
          { name: 'odp0', kind: 'odp', mm: 0 },
          { name: 'kvm0', kind: 'kvm', mm: 0 },
        ],
      },
    );
    const m = buildMmModel(sc, { programs: [nonblockZap] });
    let s = first(m);
    while (acts(m, s).length) s = m.nextState(s, acts(m, s)[0]!);
    const r = s.threads[0]!.ranges[0]!;
    expect(r.phase).toBe('failed');
    expect(r.err).toBe(-11);
    expect(r.subs.map((x) => [x.mirror, x.start, x.ends])).toEqual([
      [0, 'err', 0],
      [1, 'ok', 0],
    ]);
    expect((s.mirrors[1] as unknown as { count: number }).count).toBe(1);
  });
});

describe('mmu_notifier_release', () => {
  it('calls every subscriber release (all entries dropped, ODP count raised for good) and unhooks them', () => {
    const sc = oneMirror('kvm', [{ name: 'exit', op: 'mmu_notifier_release', args: { mm: 0 } }], {
      mirrors: [
        { name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] },
        { name: 'odp0', kind: 'odp', mm: 0, entries: [0] },
      ],
    });
    const m = buildMmModel(sc);
    let s = first(m);
    while (acts(m, s).length) s = m.nextState(s, acts(m, s)[0]!);
    expect(s.mms[0]!.notifiers).toEqual([]);
    for (const x of s.mirrors) expect((x as unknown as { entries: unknown[] }).entries.every((e) => e === null)).toBe(true);
    expect((s.mirrors[1] as unknown as { count: number }).count).toBe(1);
  });
});

describe('recursive read holds', () => {
  it('a second non-blocking ODP start by the same thread re-takes umem_rwsem for read (the oom reaper retry)', () => {
    const twice: Program = prog(
      'reap_twice',
      [
        { label: 'first', at: 'test', run: (c) => c.call('test_nonblock_zap', { vma: c.n('vma') }, 'second') },
        { label: 'second', at: 'test', run: (c) => c.call('test_nonblock_zap', { vma: c.n('vma') }, 'done') },
        { label: 'done', at: 'test', run: () => DONE },
      ],
      (a) => ({ vma: a['vma'] ?? null }),
    );
    const sc = oneMirror('odp', [{ name: 'reaper', op: 'reap_twice', args: { vma: 'vma:v0' }, sites: { test: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } }]);
    const m = buildMmModel(sc, { programs: [nonblockZap, twice] });
    let s = first(m);
    while (acts(m, s).length) s = m.nextState(s, acts(m, s)[0]!);
    expect(s.threads[0]!.ranges.map((r) => r?.phase)).toEqual(['failed', 'failed']);
    expect(s.threads[0]!.held).toEqual(['mir0.umem_rwsem:r', 'mir0.umem_rwsem:r']);
    expect(lockState(s, 'mir0.umem_rwsem')).toEqual({ holder: null, readers: 2 });
  });
});
