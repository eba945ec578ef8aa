/**
 * Issue 11: two reductions that would cut distinct states, bounded before
 * building either (bench/RESULTS.md, "Session 9: statement merging and dead
 * locals, bounded").
 *
 *     npx tsx bench/por/mergeBounds.ts local
 *     npx tsx bench/por/mergeBounds.ts locals
 *     npx tsx bench/por/mergeBounds.ts locals SCENARIO
 *     npx tsx bench/por/mergeBounds.ts fault-locals
 *
 * `local`: statement merging (runStep chains a step marked `local` into the
 * transition before it). Over every transition of every seed site scenario,
 * which steps not so marked touch nothing but their own thread's frames
 * (pc, locals) in every execution: those could be chained.
 *
 * `locals`: dead-variable reduction (reset a local no later step reads
 * before writing it). Distinct states of the issue's subjects with keys that
 * ignore every local of every frame; with SCENARIO, one program's local at a
 * time, the eight that merge most. UNSOUND (a key that ignores a live local
 * merges states whose futures differ): a bound on what resetting dead
 * locals could merge, never a verdict.
 *
 * `fault-locals`: the dead-variable reduction itself for the one program
 * where `locals` found dead values that matter, the count/seq mirrors'
 * fault (model/mirrors/retryFault.ts): distinct states of every seed site
 * scenario when `mmu_seq` and `writable` are reset where no step and no
 * property reads them before they are written again (FAULT_DEAD).
 */
import { bfs } from '../../src/engine/bfs.js';
import { siteChecks, type Built } from '../../src/cli/api.js';
import { SEP } from '../../model/mm/footprint/Footprint.js';
import { runStepRecorded } from '../../model/mm/step/runStepRecorded.js';
import type { MmModel } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import { FAULT_RETRIES, firstLabel } from '../../properties/faultRetries.js';
import { eachTransition } from './eachTransition.js';
import { porSubjects } from './subjects.js';

function mergeCandidates(): void {
  const steps = new Map<string, { runs: number; ownFramesOnly: number; local: boolean }>();
  for (const c of siteChecks({ profile: 'seed' })) {
    const m = c.build().model as unknown as MmModel;
    eachTransition(m, (s, a) => {
      const frames = `threads${SEP}${a.thread}${SEP}frames`;
      for (const g of runStepRecorded(m.registry, s, a.thread, a.outcome).segments) {
        let st = steps.get(g.step);
        if (!st) steps.set(g.step, (st = { runs: 0, ownFramesOnly: 0, local: g.local }));
        st.runs++;
        if ([...g.fp.reads, ...g.fp.writes].every((p) => p === frames || p.startsWith(frames + SEP))) st.ownFramesOnly++;
      }
    });
  }
  const runs = [...steps.values()].reduce((n, st) => n + st.runs, 0);
  const found = [...steps].filter(([, st]) => !st.local && st.ownFramesOnly === st.runs);
  for (const [step, st] of found) console.log(`could be chained: ${step} (${st.runs} executions)`);
  console.log(`${steps.size} steps, ${runs} executions; ${found.length} not marked local touch only their own frames`);
}

const statesOf = (b: Built): number => bfs(b.model, b.properties).stats.distinctStates;

/** `b`'s distinct states with keys that leave out the locals `drop` says to. */
function statesWithout(b: Built, drop: (prog: string, locals: Record<string, unknown>, pc: string) => unknown): number {
  const m = b.model as unknown as { key: (s: MmState) => unknown };
  m.key = (s: MmState) =>
    JSON.stringify(s, function (this: { prog?: string; pc?: string }, k, v: unknown) {
      if (k === 'cfg') return undefined;
      return k === 'locals' && typeof this.prog === 'string' ? drop(this.prog, v as Record<string, unknown>, this.pc ?? '') : v;
    });
  return statesOf(b);
}

async function withoutLocals(): Promise<void> {
  let all = 0;
  let merged = 0;
  for (const subject of await porSubjects()) {
    const plain = statesOf(subject.build());
    const n = statesWithout(subject.build(), () => undefined);
    console.log(`${subject.name}: ${plain} -> ${n} (×${(plain / n).toFixed(2)})`);
    all += plain;
    merged += n;
  }
  console.log(`total: ${all} -> ${merged} (×${(all / merged).toFixed(2)})`);
}

function withoutEachLocal(name: string): void {
  const c = siteChecks({ profile: 'seed', scenario: name })[0];
  if (!c) throw new Error(`no seed site scenario ${name}`);
  const pairs = new Set<string>();
  eachTransition(c.build().model as unknown as MmModel, (s) => {
    for (const t of s.threads) for (const f of t.frames) for (const k in f.locals) pairs.add(`${f.prog}\t${k}`);
  });
  const plain = statesOf(c.build());
  const rows = [...pairs].map((pair) => {
    const [prog, local] = pair.split('\t') as [string, string];
    return { pair: `${prog}.${local}`, n: statesWithout(c.build(), (p, l) => (p === prog ? { ...l, [local]: 0 } : l)) };
  });
  console.log(`${name}: ${plain} distinct states`);
  for (const r of rows.sort((a, b) => a.n - b.n).slice(0, 8)) console.log(`  without ${r.pair}: ${r.n} (×${(plain / r.n).toFixed(2)})`);
}

/**
 * Per fault program, per label, the locals dead there: at the snapshot step
 * both are written before any read; at the release neither is read again;
 * at the retry (and kvm's signal_pending after it) `writable` is dead but
 * `mmu_seq` is not: fault-progress compares it when the frame goes back to
 * the snapshot.
 */
const FAULT_DEAD = new Map(
  FAULT_RETRIES.map((r) => {
    const release = r.retryLabel.replace(/ \(retry\)$/, '');
    const dead = new Map<string, readonly string[]>([
      [firstLabel(r.prog) ?? '', ['mmu_seq', 'writable']],
      [release, ['mmu_seq', 'writable']],
      [r.retryLabel, ['writable']],
      ['signal_pending', ['writable']],
    ]);
    return [r.prog, dead];
  }),
);

function withoutFaultDeadLocals(): void {
  let all = 0;
  let merged = 0;
  for (const c of siteChecks({ profile: 'seed' })) {
    all += statesOf(c.build());
    merged += statesWithout(c.build(), (prog, l, pc) => {
      const dead = FAULT_DEAD.get(prog)?.get(pc);
      if (!dead) return l;
      const out = { ...l };
      for (const k of dead) out[k] = typeof l[k] === 'number' ? 0 : false;
      return out;
    });
  }
  console.log(`every seed site scenario: ${all} -> ${merged} (×${(all / merged).toFixed(3)})`);
}

const [mode, scenario] = process.argv.slice(2);
if (mode === 'local') mergeCandidates();
else if (mode === 'locals' && scenario) withoutEachLocal(scenario);
else if (mode === 'locals') await withoutLocals();
else if (mode === 'fault-locals') withoutFaultDeadLocals();
else {
  console.error('usage: npx tsx bench/por/mergeBounds.ts local | locals [SCENARIO] | fault-locals');
  process.exit(2);
}
