/**
 * Symmetry reduction for the mm model (issue 11): the representative of a
 * state's class under the permutations of interchangeable threads, so that
 * `--symmetry` explores one state per class (MmModel.representative; the
 * engine keeps counterexamples concrete, src/engine/concretize.ts).
 *
 * What is permuted. Threads that run the same program with the same
 * arguments, site configuration and pending signal (ThreadConfig minus its
 * name): their states are sorted by their hash, and every reference to a
 * thread id is renamed with them. Thread ids live in three places only:
 * the order of `threads`, a lock's `holder`, and an HMM mirror's
 * `ranges[].owner` (model/mirrors/hmmRanges.ts; the list is kept sorted by
 * owner there, and re-sorted here). No local, range, gather or task state
 * holds a thread id: a thread's own state moves with it whole. The
 * transition relation does not depend on thread order: actions are every
 * enabled step of every thread (their order changes action indices only),
 * `isContended` asks whether any other thread contends, and a thread's
 * name is read only by messages and traces. The properties read thread ids
 * only to pair a step's before and after (the mover) and to print names.
 * A mirror kind that stores a thread id elsewhere must be renamed here: the
 * commutation test (test/model/canonicalState.test.ts) checks
 * rep(next(s, a)) = rep(next(rep(s), a')) on every state of its subjects.
 *
 * What is not permuted, because the permutation is not a symmetry here:
 *  - frames. alloc_pages takes the lowest free frame (model/mm/frames.ts
 *    allocFrame), and a freed frame keeps its generation, which stale CPU
 *    TLB and mirror entries still record (cpu-tlb-no-stale-frame,
 *    no-stale-frame, device-access compare `gen`): renaming frames changes
 *    which free frame the next allocation reuses, hence whether a stale
 *    entry meets a reused frame. Frame numbers also sit in untyped locals
 *    (`page`, `new_page`, `kpage`, `pfn`, migrate_vma's src/dst, ...), in
 *    page lock names (`page3`) and in mirror kinds' own fields (gpu's
 *    `pinned`), which a renaming would have to find by name. What the
 *    properties compare (all by equality, none by order or by value): frame
 *    numbers, a mirror or TLB entry's against the CPU translation's
 *    (mirror-coherence, tlb-mirror-coherence, device-access, kvm-race's
 *    spte-coherence) or a translation's before and after a step
 *    (change-covered, event-promise, mkclean-observed); generations, an
 *    entry's against its frame's (cpu-tlb-no-stale-frame, no-stale-frame,
 *    device-access; with the frame free or not); content versions of two
 *    frames (tlb-mirror-coherence's KSM window, view/identicalReadOnlyLag.ts).
 *    A renaming that kept these would preserve the properties; the
 *    allocation order is what breaks it. An upper bound of what it could
 *    merge (bench/RESULTS.md): 4 % on two-mms-kvm-odp, 22-24 % on ksm-merge.
 *  - mirrors. A mirror's id is in untyped locals (`m` of every callback and
 *    fault frame), in its lock names (`kvm0.mmu_lock`, from the constant
 *    config's name) and in the constant arguments of the threads that use
 *    it (`device_access` m), so two identical mirrors are interchangeable
 *    only together with their threads and lock names; no scenario of the
 *    repository has two mirrors of one kind on one mm (see the report of
 *    `mnc explore --symmetry`).
 */
import type { Lock, MirrorState, MmConfig, MmState, ThreadConfig } from './MmState.js';
import { valueLanes } from './valueLanes.js';

/** What makes two threads interchangeable: everything of their config but the name. */
function identity(t: ThreadConfig): string {
  return JSON.stringify([t.op, t.args, t.sites, t.fatalSignal]);
}

/** Classes of interchangeable threads (two or more each), in thread order. */
export function threadClasses(cfg: MmConfig): number[][] {
  const by = new Map<string, number[]>();
  cfg.threads.forEach((t, i) => {
    const k = identity(t);
    const c = by.get(k);
    if (c) c.push(i);
    else by.set(k, [i]);
  });
  return [...by.values()].filter((c) => c.length > 1);
}

interface Owned {
  readonly owner: number;
}

/** The HMM range list of a mirror (the one mirror field holding thread ids), or undefined. */
function rangesOf(m: MirrorState): readonly Owned[] | undefined {
  const r = (m as { ranges?: unknown }).ranges;
  return Array.isArray(r) ? (r as Owned[]) : undefined;
}

/** The sort key of thread `i`: its own state, then the ranges it owns in mirrors (by mirror). */
function sortKey(s: MmState, i: number): number[] {
  const k: number[] = [...valueLanes(s.threads[i])];
  s.mirrors.forEach((m, mi) => {
    const rs = rangesOf(m);
    if (!rs) return;
    for (const r of rs) if (r.owner === i) k.push(mi, ...valueLanes({ ...r, owner: 0 }));
  });
  return k;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const freezeIf = <T extends object>(frozen: boolean, x: T): T => (frozen ? Object.freeze(x) : x);

/** `s` with thread `i` renamed `to[i]` (a permutation); shares every object it need not change. */
export function renameThreads(s: MmState, to: readonly number[]): MmState {
  const frozen = Object.isFrozen(s);
  const threads = s.threads.slice();
  s.threads.forEach((t, i) => (threads[to[i]!] = t));
  let locks = s.locks;
  s.locks.forEach((l, id) => {
    if (l.holder === null || to[l.holder] === l.holder) return;
    if (locks === s.locks) locks = s.locks.slice();
    (locks as Lock[])[id] = freezeIf(frozen, { holder: to[l.holder]!, readers: l.readers });
  });
  let mirrors = s.mirrors;
  s.mirrors.forEach((m, mi) => {
    const rs = rangesOf(m);
    if (!rs || rs.every((r) => to[r.owner] === r.owner)) return;
    const renamed = rs.map((r) => freezeIf(frozen, { ...r, owner: to[r.owner]! })).sort((a, b) => a.owner - b.owner);
    if (mirrors === s.mirrors) mirrors = s.mirrors.slice();
    (mirrors as MirrorState[])[mi] = freezeIf(frozen, { ...m, ranges: freezeIf(frozen, renamed) });
  });
  return freezeIf(frozen, {
    ...s,
    locks: locks === s.locks ? locks : freezeIf(frozen, locks),
    mirrors: mirrors === s.mirrors ? mirrors : freezeIf(frozen, mirrors),
    threads: freezeIf(frozen, threads),
  });
}

/**
 * The representative of `s` under `classes` (threadClasses of its config):
 * each class's threads sorted by their state. A pure function of `s`;
 * `s` itself when it is its own representative.
 */
export function canonicalState(s: MmState, classes: readonly (readonly number[])[]): MmState {
  let to: number[] | undefined;
  for (const c of classes) {
    const keys = c.map((i) => sortKey(s, i));
    const order = c.map((_, k) => k).sort((x, y) => compareKeys(keys[x]!, keys[y]!) || x - y);
    if (order.every((k, j) => k === j)) continue;
    to ??= s.threads.map((_, i) => i);
    order.forEach((k, j) => (to![c[k]!] = c[j]!));
  }
  return to ? renameThreads(s, to) : s;
}

/** What `--symmetry` permutes in a scenario with this config, e.g. `threads guest=guest2`, or why nothing. */
export function symmetryNote(cfg: MmConfig): string {
  const classes = threadClasses(cfg);
  if (classes.length === 0)
    return 'no two threads run the same program with the same arguments; frames and mirrors are not permuted (model/mm/canonicalState.ts)';
  return `threads ${classes.map((c) => c.map((i) => cfg.threads[i]!.name).join('=')).join(', ')}`;
}
