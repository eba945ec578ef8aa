/**
 * Issue 11: how far ample sets could go on the benchmark subjects, by an
 * UNSOUND experiment (never a verdict): each thread's future is learned from
 * a full exploration of the subject, as the union of the footprints of the
 * thread's transitions from every reachable state whose own thread state
 * (pc, locals, held locks, ranges) can follow the current one; no
 * property is visible (C2 off) and step properties add no reads to
 * footprints. A sound future that is a function of the thread's own state
 * alone contains this one, and visibility and step-property reads only
 * remove ample sets, so the counts bound from below what `--por` can reach
 * with such futures and footprints of this granularity (bench/RESULTS.md).
 *
 *     npx tsx bench/por/upperBound.ts [--per-thread]
 *
 * With --per-thread, a thread's future is the union over all its
 * transitions, whatever its own state (a bound per thread, not per position).
 */
import { bfs } from '../../src/engine/bfs.js';
import type { Model } from '../../src/engine/Model.js';
import { addFootprint, emptyFootprint, type Footprint } from '../../model/mm/footprint/Footprint.js';
import type { MmPartialOrder, MmActionRef } from '../../model/mmPartialOrder.js';
import type { MmState } from '../../model/mm/MmState.js';
import { eachTransition } from './eachTransition.js';
import { porSubjects } from './subjects.js';

const perThread = process.argv.includes('--per-thread');

type Po = { -readonly [K in keyof MmPartialOrder]: MmPartialOrder[K] };

/** Footprints of each thread's transitions by its own state, and which own states follow which. */
function learn(m: Model<MmState, MmActionRef>, po: Po): { fp: Map<string, Footprint>; succ: Map<string, Set<string>>; states: number } {
  const own = (s: MmState, u: number) => (perThread ? String(u) : `${u}|${JSON.stringify(s.threads[u])}`);
  const fp = new Map<string, Footprint>();
  const succ = new Map<string, Set<string>>();
  const states = eachTransition(m, (s, a, ns) => {
    const u = po.thread(a);
    const k = own(s, u);
    if (!fp.has(k)) fp.set(k, emptyFootprint());
    addFootprint(fp.get(k)!, po.footprint(s, a, false));
    if (!succ.has(k)) succ.set(k, new Set());
    succ.get(k)!.add(own(ns, u));
  });
  return { fp, succ, states };
}

console.log('| scenario | states | states, learned futures, no visibility | ratio |');
console.log('|---|---:|---:|---:|');
let t0 = 0;
let t1 = 0;
for (const subject of await porSubjects()) {
  const b = subject.build();
  const plain = bfs(b.model, b.properties);
  const m = b.model as unknown as Model<MmState, MmActionRef> & { partialOrder: Po };
  const po = m.partialOrder;
  const { fp, succ } = learn(m, po);
  const memo = new Map<string, Footprint>();
  const future = (k: string): Footprint => {
    let f = memo.get(k);
    if (f) return f;
    f = emptyFootprint();
    const todo = [k];
    const seen = new Set(todo);
    while (todo.length > 0) {
      const x = todo.pop()!;
      const g = fp.get(x);
      if (g) addFootprint(f, g);
      for (const y of succ.get(x) ?? []) {
        if (seen.has(y)) continue;
        todo.push(y);
        seen.add(y);
      }
    }
    memo.set(k, f);
    return f;
  };
  // the model is not used again: its partial order is rewired for the experiment
  po.future = (s, u) => future(perThread ? String(u) : `${u}|${JSON.stringify(s.threads[u])}`);
  po.visible = () => emptyFootprint();
  po.edgeReads = () => emptyFootprint();
  const r = bfs(b.model, b.properties, { por: true });
  console.log(
    `| ${subject.name} | ${plain.stats.distinctStates} | ${r.stats.distinctStates} | ×${(plain.stats.distinctStates / r.stats.distinctStates).toFixed(2)} |`,
  );
  t0 += plain.stats.distinctStates;
  t1 += r.stats.distinctStates;
}
console.log(`| **total** | ${t0} | ${t1} | ×${(t0 / t1).toFixed(2)} |`);
