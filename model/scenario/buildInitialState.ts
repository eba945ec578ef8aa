/**
 * Builds the initial MmState of a scenario: pools, locks (all created up
 * front, in a fixed order), VMAs, initial mappings, mirrors (entries
 * prefilled coherently) and threads at their first step.
 * Semantic errors throw ScenarioError naming the field (`mms[0].vmas[1].end: ...`).
 */
import { produce } from 'immer';
import { FREE_FRAME, ZERO_FRAME } from '../mm/frames.js';
import { pageWith } from '../mm/pageWith.js';
import { copyRoot } from '../mm/copyRoot.js';
import type { Geometry } from '../mm/Geometry.js';
import { pages, pmdSize } from '../mm/Geometry.js';
import { FREE_LOCK, LockName } from '../mm/locks.js';
import type { Frame, Lock, Locals, Mm, MmConfig, MmState, Scalar, SwapSlot, Thread, ThreadConfig } from '../mm/MmState.js';
import { translate } from '../mm/pageTable.js';
import { INITIAL_TASK } from '../mm/taskState.js';
import type { ProgramRegistry } from '../mm/step/ProgramRegistry.js';
import { mirrorKind } from '../mirrors/mirrorKinds.js';
import { setEntry } from '../mirrors/mirrorLock.js';
import { beginCow, clonePlain, endCow } from '../mm/mutate.js';
import type { Scenario } from './Scenario.js';
import { bad } from './bad.js';
import { buildVmas } from './buildVmas.js';
import { mapInitial } from './mapInitial.js';
import { mergeSites } from './mergeSites.js';
import { markStablePages } from '../sites/ksmCmpAndMergePage.js';

/**
 * The scenario's constant configuration. A class instance, not a plain
 * object, so immer never drafts it (steps read it through the draft at no cost).
 */
class ConstantConfig implements MmConfig {
  constructor(
    readonly geometry: Geometry,
    readonly threads: readonly ThreadConfig[],
    readonly mirrors: MmConfig['mirrors'],
    readonly lockNames: readonly string[],
    readonly lockIds: ReadonlyMap<string, number>,
    readonly gatherBatch: number,
  ) {
    Object.freeze(this);
  }
}

function checkGeometry(g: Geometry): void {
  for (const k of ['ptesPerTable', 'pmdsPerTable', 'puds'] as const) {
    if (!Number.isInteger(g[k]) || g[k] < 1 || g[k] > 64) bad(`geometry.${k}`, 'must be an integer in 1..64');
  }
}

function resolveArgs(args: Readonly<Record<string, Scalar>>, vmaNames: Map<string, number>, mirrors: readonly string[], f: string): Locals {
  const out: Locals = {};
  for (const [k, v] of Object.entries(args)) {
    if (typeof v === 'string' && v.startsWith('vma:')) {
      const id = vmaNames.get(v.slice(4));
      out[k] = id ?? bad(`${f}.${k}`, `no vma named ${v.slice(4)}`);
    } else if (typeof v === 'string' && v.startsWith('mirror:')) {
      const id = mirrors.indexOf(v.slice(7));
      out[k] = id >= 0 ? id : bad(`${f}.${k}`, `no mirror named ${v.slice(7)}`);
    } else out[k] = v;
  }
  return out;
}

/** Runs `body` on a copy-on-write successor of `s0` (model/mm/mutate.ts), as the cow backend runs a step: plain objects, not frozen. */
function cowBuild(s0: MmState, body: (d: MmState) => void): MmState {
  const d = copyRoot(s0, s0.threads);
  beginCow(d);
  try {
    body(d);
  } finally {
    endCow();
  }
  return d;
}

/**
 * The initial state of a scenario; every program the threads run must be in
 * `reg`. Its site configs are taken as given: `sc.sites` complete (the
 * catalog's defaults under the profile, resolveScenario or buildMmModel),
 * each thread's `sites` on top of them. `freeze` (default true): deeply frozen, as the immer backend and
 * the checked cow mode keep every state. The cow backend's states are plain
 * objects, built the same way (copy-on-write, no immer): a frozen initial
 * state (frozen arrays and objects have other hidden classes than the copies
 * steps make of them) would make the step code see both kinds (a gain within
 * this machine's noise: bench/RESULTS.md, session 5).
 */
export function buildInitialState(sc: Scenario, reg: ProgramRegistry, freeze = true): MmState {
  const g = sc.geometry;
  checkGeometry(g);
  if (!Number.isInteger(sc.frames) || sc.frames < 1 || sc.frames > 256) bad('frames', 'must be an integer in 1..256');
  if (sc.swap !== undefined && (!Number.isInteger(sc.swap) || sc.swap < 0 || sc.swap > 256)) bad('swap', 'must be an integer in 0..256');
  if (sc.mms.length < 1) bad('mms', 'at least one mm');
  const npages = pages(g);
  const { vmas, names, anonVmas } = buildVmas(sc, g);
  const mirrorSpecs = sc.mirrors ?? [];
  const mirrorNames = mirrorSpecs.map((m) => m.name);
  mirrorSpecs.forEach((m, i) => {
    if (!mirrorKind(m.kind)) bad(`mirrors[${i}].kind`, `unknown mirror kind ${m.kind}`);
    if (!Number.isInteger(m.mm) || m.mm < 0 || m.mm >= sc.mms.length) bad(`mirrors[${i}].mm`, 'no such mm');
    if (mirrorNames.indexOf(m.name) !== i) bad(`mirrors[${i}].name`, `duplicate mirror name ${m.name}`);
  });
  const sites = mergeSites({}, sc.sites);
  const threads: ThreadConfig[] = sc.threads.map((t, i) => {
    const f = `threads[${i}]`;
    if (!reg.has(t.op)) bad(`${f}.op`, `unknown operation ${t.op}`);
    const params = reg.get(t.op).params;
    if (params) {
      for (const p of params) if (t.args?.[p] === undefined) bad(`${f}.args.${p}`, `required by ${t.op} (takes ${params.join(', ')})`);
    }
    return {
      name: t.name,
      op: t.op,
      args: resolveArgs(t.args ?? {}, names, mirrorNames, `${f}.args`),
      sites: mergeSites(sites, t.sites),
      fatalSignal: t.fatalSignal === true,
    };
  });
  const mirrorCfgs = mirrorSpecs.map((m) => ({ name: m.name, kind: m.kind, mm: m.mm }));
  const nPmd = sc.mms.length * g.puds;
  const nPte = nPmd * g.pmdsPerTable;
  // every lock of the scenario, in a fixed order: its index is its id (MmState.locks)
  const lockNames: string[] = [];
  const lockIds = new Map<string, number>();
  const addLock = (name: string): void => {
    if (lockIds.has(name)) return;
    lockIds.set(name, lockNames.length);
    lockNames.push(name);
  };
  sc.mms.forEach((_, i) => {
    addLock(LockName.mmapSem(i));
    addLock(LockName.pageTable(i));
  });
  for (let i = 0; i < nPmd; i++) addLock(LockName.pmd(i));
  for (let i = 0; i < nPte; i++) addLock(LockName.ptl(i));
  for (let i = 0; i < sc.frames; i++) addLock(LockName.page(i));
  (sc.files ?? []).forEach((_, i) => addLock(LockName.iMmap(i)));
  (sc.files ?? []).forEach((_, i) => addLock(LockName.inode(i)));
  // the hugetlb fault mutexes (locks.ts), with a hugetlb vma: one per huge page of each file and of each mm's address space
  if (vmas.some((v) => v.flags.hugetlb)) {
    (sc.files ?? []).forEach((n, f) => {
      for (let i = 0; i < n; i += pmdSize(g)) addLock(LockName.hugetlbFaultShared(f, i));
    });
    sc.mms.forEach((_, mm) => {
      for (let a = 0; a < npages; a += pmdSize(g)) addLock(LockName.hugetlbFaultPrivate(mm, a));
    });
  }
  for (let i = 0; i < anonVmas; i++) addLock(LockName.anonVma(i));
  mirrorCfgs.forEach((m) => mirrorKind(m.kind)!.locks(m).forEach(addLock));
  const cfg: MmConfig = new ConstantConfig(g, threads, mirrorCfgs, lockNames, lockIds, sc.gatherBatch ?? Infinity);
  // the scenario's own copies of the shared constants: a frozen build must not freeze the module's objects
  // (a literal, not a spread: a spread's copies took a V8 hidden class of their own after a few models, model/mm/copyRoot.ts)
  const freeLock: Lock = { holder: FREE_LOCK.holder, readers: FREE_LOCK.readers };
  const task0 = clonePlain(INITIAL_TASK);
  const locks: Lock[] = lockNames.map(() => freeLock);

  const mms: Mm[] = sc.mms.map((m, mi) => {
    const own = mirrorSpecs.map((x, i) => ({ x, i })).filter(({ x }) => x.mm === mi);
    const order = m.notifiers ?? own.map(({ x }) => x.name);
    const notifiers = order.map((n, k) => {
      const i = mirrorNames.indexOf(n);
      if (i < 0 || mirrorSpecs[i]!.mm !== mi) bad(`mms[${mi}].notifiers[${k}]`, `no mirror ${n} on mm ${mi}`);
      return i;
    });
    return {
      pud: new Array<number | null>(g.puds).fill(null),
      vmas: vmas
        .filter((v) => v.mm === mi)
        .sort((a, b) => a.start - b.start)
        .map((v) => v.id),
      notifiers,
      tlb: new Array(npages).fill(null),
      flushPending: 0,
      users: 1,
      oomSkip: false,
      unstable: false,
      tearingDown: false,
      khugepagedScan: false,
      ownerExited: false,
    };
  });
  const thr: Thread[] = threads.map((t) => {
    const p = reg.get(t.op);
    return { frames: [{ prog: t.op, pc: p.steps[0]!.label, locals: p.locals(t.args) }], held: [], ranges: [], gather: null, rv: null, task: task0 };
  });
  const s0: MmState = {
    cfg,
    mms,
    vmas,
    pmdTables: new Array(nPmd).fill(null),
    pteTables: new Array(nPte).fill(null),
    frames: [...new Array<Frame>(sc.frames).fill(pageWith(FREE_FRAME, {})), pageWith(ZERO_FRAME, {})], // the pool, then the zero page
    files: (sc.files ?? []).map((n) => ({ pages: new Array(n).fill(null) })),
    swap: new Array<SwapSlot>(sc.swap ?? 0).fill({ count: 0, cache: null, ver: 0 }),
    locks,
    mirrors: mirrorSpecs.map((m, i) => mirrorKind(m.kind)!.init(cfg.mirrors[i]!, npages)),
    threads: thr,
  };
  const build = freeze ? (x: MmState, f: (d: MmState) => void): MmState => produce(x, f) : cowBuild;
  return build(s0, (d) => {
    sc.mms.forEach((m, mi) => (m.mappings ?? []).forEach((mp, k) => mapInitial(d, mi, mp, `mms[${mi}].mappings[${k}]`)));
    markStablePages(d, cfg.threads);
    mirrorSpecs.forEach((m, i) =>
      (m.entries ?? []).forEach((a, k) => {
        const t = translate(d, m.mm, a);
        if (t === null) bad(`mirrors[${i}].entries[${k}]`, `page ${a} is not mapped in mm ${m.mm}`);
        setEntry(d, i, a, t!.frame, t!.write);
        mirrorKind(m.kind)!.pin?.(d, i, a, t!.frame);
      }),
    );
  });
}
