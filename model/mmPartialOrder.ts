/**
 * The mm model's side of the partial-order reduction (src/engine/PartialOrder.ts).
 * It runs steps (model/mm/step/) and judges their footprints (model/mm/footprint/),
 * so it sits above both, beside the engine adapter (MmModel.ts) that builds it.
 *
 * Recorded: each action's footprint (model/mm/step/runStepRecorded.ts: its enabledness, the
 * step and the local steps chained into it), what the step properties read on
 * its edge (`edgeReads`, part of its footprint in the reduction), and what
 * the invariants and guards read (`checkReads`), each property run on
 * recorded copies of the states (model/mm/footprint/recordedViews.ts).
 *
 * Declared, and checked on every recording (a breach is a ModelError):
 *  - FUTURE (model/mm/footprint/threadFuture.ts): what a thread may still touch: its own thread
 *    state, never another thread's (but the notifier ranges its step
 *    properties read), and the shared objects; an access or a one-process
 *    address-space operation only those of the mm its arguments name.
 *    Constants (mirror kinds and mms, which stableWrite checks nobody
 *    writes) are left out of footprints; a thread writes a mirror's fields,
 *    never a whole mirror.
 *  - LOCAL: a step marked `local` (every step runStep chains into the one
 *    before) writes only its thread's frames, return register, mmu_gather
 *    and task state (never its held locks or notifier ranges, which the
 *    properties read) and where it stands (moving onto a one-step section
 *    only adds a trylock's `contended` outcome to other threads: behaviours
 *    added, none lost). A write beyond that is a ModelError naming the step.
 *    It should read only its thread's state (no other thread writes it:
 *    FUTURE) and what no other step can change under it: STABLE (mirror
 *    kinds and mms, never written; an mm's notifier list, which the kernel
 *    walks under SRCU and only __mmu_notifier_release writes, checked
 *    below), the vma list and vmas of an mm whose mmap_sem the thread holds
 *    (their writers hold it for write: vma-under-mmap-sem checks it), and
 *    the number of vmas (GROWING). A chained step's reads beyond that (the PMD a
 *    `huge_pte_offset` walks, `*orig_pte` under the PTE lock: `localReads`
 *    lists them, bench/por/run.ts prints them) must be left movers: every
 *    other thread writes what they read only under a lock the reader holds
 *    too, one of the two exclusively, or the step is excused with the
 *    kernel's reason (model/mm/footprint/chainedReads.ts, checked on every transition recorded;
 *    review P7). The reduction itself never relies on `local`: it uses the
 *    recorded footprints, which include these reads.
 *  - VISIBLE (model/mm/footprint/propertyReads.ts): what the invariants and guards may read.
 */
import { ModelError } from '../src/engine/Model.js';
import type { PartialOrder, PropertyRef } from '../src/engine/PartialOrder.js';
import type { MmState } from './mm/MmState.js';
import { mmStateKey } from './mm/stateKey.js';
import type { ProgramRegistry } from './mm/step/ProgramRegistry.js';
import { runStep, type StepOptions } from './mm/step/runStep.js';
import { runStepRecorded } from './mm/step/runStepRecorded.js';
import { addFootprint, ANY, conflictAgainst, conflicts, emptyFootprint, SEP, showPath, under, type Footprint } from './mm/footprint/Footprint.js';
import { propertyReads } from './mm/footprint/propertyReads.js';
import { recordEach } from './mm/footprint/recordedViews.js';
import { threadFuture } from './mm/footprint/threadFuture.js';
import { declared, outside } from './mm/footprint/within.js';
import { ChainedReads } from './mm/footprint/chainedReads.js';

export interface MmActionRef {
  readonly thread: number;
  readonly outcome: number;
}

const STABLE = ['mirrors.*.kind', 'mirrors.*.mm', 'mms.*.notifiers'];
/** What a local step may read besides: the number of vmas (a pool that only grows, ids never reused: an id's existence cannot change). */
const GROWING = ['vmas.length'];
const STABLE_PATHS = STABLE.map((p) => p.split('.').join(SEP));
const NOTIFIER_LIST = STABLE_PATHS[2]!;
/** The one program that writes an mm's notifier list (mm/mmu_notifier.c:__mmu_notifier_release). */
const NOTIFIER_LIST_WRITER = 'mmu_notifier_release';

/** Mirror kinds and mms: no step writes them (stableWrite checks it on every footprint), so reading them commutes with every step. */
const CONSTANT_PATHS = STABLE_PATHS.slice(0, 2);

/** Whether a read path is of a constant, by path (a pure function of it, memoized). */
const constantRead = new Map<string, boolean>();

/** `fp` without its reads of CONSTANT_PATHS (a read of a constant is no dependency). */
function withoutConstants(fp: Footprint): Footprint {
  const keep = (p: string) => {
    let c = constantRead.get(p);
    if (c === undefined) constantRead.set(p, (c = CONSTANT_PATHS.some((x) => under(p, x))));
    return !c;
  };
  return { reads: new Set([...fp.reads].filter(keep)), walks: fp.walks, writes: fp.writes };
}

/** Per written path: the STABLE paths it touches (at, above or below), memoized (a pure function of the path). */
const stableHits = new Map<string, readonly string[]>();

/** A write of `fp` at or above a STABLE path (the notifier list allowed to its writer), as text. */
function stableWrite(fp: Footprint, release: boolean): string | undefined {
  for (const w of fp.writes) {
    let hits = stableHits.get(w);
    if (hits === undefined) stableHits.set(w, (hits = STABLE_PATHS.filter((p) => under(w, p) || under(p, w))));
    for (const p of hits) {
      if (release && p === NOTIFIER_LIST) continue;
      return `writes ${showPath(w)}`;
    }
  }
  return undefined;
}

/** An ended thread touches nothing more. */
const ENDED = emptyFootprint();

const NONE = new Set<string>();

/** The mm model's PartialOrder, and the local steps seen reading shared state (see LOCAL above). */
export interface MmPartialOrder extends PartialOrder<MmState, MmActionRef, Footprint> {
  /** `program:label reads PATH` for each local step seen reading beyond LOCAL (indices as N). */
  readonly localReads: ReadonlySet<string>;
}

export function mmPartialOrder(reg: ProgramRegistry, stepOpts: StepOptions): MmPartialOrder {
  const localReads = new Set<string>();
  /** Chained reads against other threads' writes, over every transition recorded (chainedReads.ts). */
  const chained = new ChainedReads();
  const futures: Footprint[] = [];
  /** FUTURE (threadFuture.ts), per thread: the configuration and the lock table are constant per scenario. */
  const future = (s: MmState, t: number): Footprint => (futures[t] ??= threadFuture(s, t, !reg.edited));
  const locals: Footprint[] = [];
  /** The bounds of local steps holding an mmap_sem, by thread, mms and vmas (the same bound object each time: outside memoizes by it). */
  const heldLocals = new Map<string, Footprint>();
  /** What a local step of thread t may touch, given the mms whose mmap_sem it holds. */
  const local = (s: MmState, t: number, held: readonly string[]): Footprint => {
    const mine = [`threads.${t}.frames`, `threads.${t}.rv`, `threads.${t}.gather`, `threads.${t}.task`, 'sections'];
    const mms = held.map((h) => /^mm(\d+)\.mmap_sem(:r)?$/.exec(h)?.[1]).filter((x): x is string => x !== undefined);
    if (mms.length === 0) return (locals[t] ??= declared([`threads.${t}`, ...STABLE, ...GROWING], mine));
    const vmas = s.vmas.filter((v) => mms.includes(String(v.mm))).map((v) => `vmas.${v.id}`);
    const key = `${t}|${mms.join(',')}|${vmas.join(',')}`;
    let f = heldLocals.get(key);
    if (!f) heldLocals.set(key, (f = declared([`threads.${t}`, ...STABLE, ...GROWING, ...mms.map((m) => `mms.${m}.vmas`), ...vmas], mine)));
    return f;
  };
  const visibles = new Map<string, Footprint>();
  const visible = (p: PropertyRef): Footprint => {
    let f = visibles.get(p.name);
    if (!f) visibles.set(p.name, (f = declared(propertyReads(p), [])));
    return f;
  };
  return {
    localReads,
    thread: (a) => a.thread,
    actionKey: (a) => a.thread * 0x10000 + a.outcome,
    threadCount: (s) => s.threads.length,
    footprint(s, a, check) {
      const name = s.cfg.threads[a.thread]?.name ?? String(a.thread);
      const r = runStepRecorded(reg, s, a.thread, a.outcome);
      const held = r.next.threads[a.thread]!.held;
      for (const w of r.writes) chained.write(w.path, a.thread, w.held, w.step);
      r.segments.forEach((g, i) => {
        if (!g.local) return;
        const bound = local(s, a.thread, held);
        const bad = outside({ ...g.fp, reads: NONE, walks: NONE }, bound, s.cfg.lockNames);
        if (bad) throw new ModelError(`${name}/${g.step}: a local step ${bad} (model/mmPartialOrder.ts LOCAL: drop \`local\`)`);
        const read = outside(g.fp, bound, s.cfg.lockNames);
        if (!read) return;
        localReads.add(`${g.step} ${read.replace(/\b\d+\b/g, 'N')}`);
        // chained after the step before it (i > 0): each shared read must be a left mover (chainedReads.ts)
        if (i > 0)
          for (const p of g.fp.reads) if (outside({ reads: new Set([p]), walks: NONE, writes: NONE }, bound)) chained.read(p, a.thread, g.held, g.step);
      });
      for (const g of r.segments) {
        const w = stableWrite(g.fp, g.step.startsWith(`${NOTIFIER_LIST_WRITER}:`));
        if (w) throw new ModelError(`${name}/${g.step}: ${w}, which no step may write (model/mmPartialOrder.ts STABLE)`);
      }
      const out = outside(r.fp, future(s, a.thread), s.cfg.lockNames);
      if (out) throw new ModelError(`${name}/${r.segments[0]!.step}: ${out}, outside what a thread may touch (model/mmPartialOrder.ts FUTURE)`);
      if (check && !sameKey(mmStateKey(runStep(reg, s, a.thread, a.outcome, stepOpts)), mmStateKey(r.next))) {
        throw new ModelError(
          `${name}/${r.segments[0]!.step}: the recorded run of the step reached another state than the step (model/mm/footprint/recordingProxy.ts)`,
        );
      }
      return withoutConstants(r.fp);
    },
    checkReads(ps, states, evaluate, checked) {
      // a property whose declared region is the same objects in a state checked before reads there what it read then (see sameRegion)
      const s0 = states[0];
      const idx = ps.flatMap((p, i) => (checked !== undefined && states.length === 1 && s0 && sameRegion(visible(p), s0, checked) ? [] : [i]));
      recordEach(
        states,
        idx.length,
        (j, v) => evaluate(idx[j]!, v),
        (j, f) => {
          const p = ps[idx[j]!]!;
          const out = outside(f, visible(p), s0?.cfg.lockNames);
          if (out) throw new ModelError(`property ${p.name} ${out}, more than declared for it (model/mm/footprint/propertyReads.ts)`);
        },
      );
    },
    edgeReads(s, a, ps, evaluate, next) {
      const u = emptyFootprint();
      recordEach([s, next ?? runStep(reg, s, a.thread, a.outcome, stepOpts)], ps.length, evaluate, (i, f) => {
        const out = outside(f, future(s, a.thread), s.cfg.lockNames);
        if (out) {
          const name = s.cfg.threads[a.thread]?.name ?? String(a.thread);
          throw new ModelError(`${ps[i]!.name} on a step of ${name} ${out}, outside what the thread may touch (model/mm/footprint/threadFuture.ts)`);
        }
        addFootprint(u, f);
      });
      return withoutConstants(u);
    },
    conflict: (x, y) => {
      const p = conflictAgainst(x, y);
      return p === undefined ? undefined : showPath(p);
    },
    conflicts,
    future: (s, t) => (s.threads[t]!.frames.length === 0 ? ENDED : future(s, t)),
    visible,
    union(fs) {
      const u = emptyFootprint();
      for (const f of fs) addFootprint(u, f);
      return u;
    },
  };
}

/** Each declared bound's read paths as segments (`*`: any one). */
const regions = new WeakMap<Footprint, readonly (readonly string[])[]>();

/**
 * Whether the objects at every path `bound` may read are the same (by
 * identity; values for what is not an object) in `a` and `b`. A property
 * that read within its bound on `b` then reads the same on `a`: it is a
 * function of what it reads, each read returns the same value on both (an
 * object never changes once a step produced it), so it takes the same path
 * through its code and reads the same paths, within the bound. Its check on
 * `a` is the one it passed on `b`. (A walk through an object outside the
 * region, `threads.N` on the way to its `ranges`, reads no value of it.)
 */
function sameRegion(bound: Footprint, a: MmState, b: MmState): boolean {
  let paths = regions.get(bound);
  if (!paths) regions.set(bound, (paths = [...bound.reads].map((p) => p.split(SEP))));
  return paths.every((segs) => sameAt(a, b, segs, 0));
}

function sameAt(a: unknown, b: unknown, segs: readonly string[], i: number): boolean {
  if (a === b) return true;
  if (i === segs.length || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const seg = segs[i]!;
  if (seg !== ANY) return sameAt(x[seg], y[seg], segs, i + 1);
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  return kx.length === ky.length && kx.every((k, j) => k === ky[j] && sameAt(x[k], y[k], segs, i + 1));
}

const sameKey = (x: ArrayLike<number> | string, y: ArrayLike<number> | string): boolean =>
  typeof x === 'string' || typeof y === 'string' ? x === y : x.length === y.length && Array.from(x).every((v, i) => v === y[i]);
