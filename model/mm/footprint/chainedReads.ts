/**
 * The reads of chained local steps, checked against every other thread's
 * writes (review P7). runStep chains a step marked `local` into the
 * transition before it, so nothing of another thread runs between the two.
 * That loses no behaviour only if the chained step is a left mover (Lipton):
 * every step of another thread that could run in between commutes with it.
 * Its writes are its own thread's (model/mmPartialOrder.ts LOCAL refuses others);
 * a read of shared state (a PTE under the PTE lock, a vma under mmap_sem) is
 * a left mover when every other thread writes that object only while it
 * holds a lock that the reader holds at the boundary too, one of the two
 * exclusively: the writer cannot run there (Eraser's lockset discipline).
 *
 * Checked on what the partial-order reduction records (every transition it
 * looks at; all of them under `--por-check`): each write with the locks its
 * thread held as it was made and those its atomic transition found free (a
 * step that runs only while a lock is free holds it, in effect:
 * runStepRecorded.ts), each chained read outside LOCAL with the locks held
 * when the chained step began. A pair with no such lock is a ModelError
 * naming both steps, unless the reading step is EXCUSED below with the
 * kernel's reason.
 */
import { ModelError } from '../../../src/engine/Model.js';
import { showPath, under } from './Footprint.js';
import type { MmState, Thread } from '../MmState.js';
import { EXIT_MMAP } from '../mmTasks.js';
import { EXIT_TEARDOWN_STEPS } from '../../sites/exitMmap.js';
import { foreignWalkAt, walkedMm } from '../tornDownWalk.js';

/** Chained steps whose shared reads are left movers for a reason locks do not show (kernel reference). */
export const EXCUSED: Readonly<Record<string, string>> = {
  // mm/memory.c:__handle_mm_fault reads vmf.orig_pmd once, without the PMD lock, and
  // do_huge_pmd_wp_page (mm/huge_memory.c) re-checks it with pmd_same under the lock: the
  // model's caller read the PMD to dispatch, and this step, chained to it, takes that same
  // read's value (the two model reads are the kernel's one)
  'do_huge_pmd_wp_page:orig_pmd': 'the kernel reads orig_pmd once (__handle_mm_fault), as the chained pair does',
  // mm/rmap.c:rmap_walk_file: page_mapping(page) of a page its caller has locked
  // (try_to_unmap, page_mkclean: PageLocked) and holds a reference to: ->mapping and
  // ->index stay as they are; the other threads write the frame's refcount and
  // mapcount (the footprint's granularity is the frame)
  'rmap_walk_file:page_mapping': 'page->mapping of a locked, referenced page does not change',
};

/**
 * What a thread inside mm/mmap.c:exit_mmap holds, in effect, for this
 * check: exit_mmap runs from the last mmput (mm_users 0), once per mm, so
 * two threads that may each run it (the exit, a fault whose mmput is the
 * last) never run it together. Its teardown reads the vmas in chained
 * steps with no lock (the mm is the exit's alone); this claim, one per mm,
 * says that the other exit_mmap's writes cannot come between. From its
 * munlock loop on (EXIT_TEARDOWN_STEPS: the teardown, model/mm/tornDownWalk.ts)
 * it also claims the teardown itself, which excludes a walker from outside
 * the process at its walk (foreignWalkClaims).
 */
export function exitMmapClaims(t: Thread): string[] {
  const out: string[] = [];
  // (read during a write: a frame being popped may already be gone)
  for (const f of t.frames) {
    if (f === undefined || f.prog !== EXIT_MMAP) continue;
    out.push(`mm${String(f.locals['mm'])}.exit_mmap (mm_users 0 once)`);
    if (EXIT_TEARDOWN_STEPS.has(f.pc)) out.push(teardownClaim(f.locals['mm'] as number));
  }
  return out;
}

const teardownClaim = (mm: number): string => `mm${mm}.exit_mmap teardown`;

/**
 * What a walker from outside the process (model/sites/foreignWalks.ts)
 * holds, in effect, at its walk: the teardown of its mm shared, so that
 * the teardown's writes (exitMmapClaims) do not come between its chained
 * reads. walk-holds-mm-users checks, in the same run, that no teardown
 * ever meets it there: its mmap_sem after its exit test (ksmd, khugepaged:
 * __mmput's ksm_exit and khugepaged_exit wait for it) or its mm_users
 * reference (clear_refs, a uprobe registration) is what keeps them apart.
 */
export function foreignWalkClaims(s: MmState, tid: number): string[] {
  return foreignWalkAt(s, tid) === undefined ? [] : [`${teardownClaim(walkedMm(s, tid))}:r`];
}

interface Access {
  readonly tid: number;
  readonly held: readonly string[];
  readonly step: string;
}

const base = (h: string): string => (h.endsWith(':r') ? h.slice(0, -2) : h);

/** A lock both hold, one of them exclusively (`name`; `name:r` is a shared hold), or undefined. */
export function excluding(a: readonly string[], b: readonly string[]): string | undefined {
  for (const x of a) for (const y of b) if (base(x) === base(y) && !(x.endsWith(':r') && y.endsWith(':r'))) return base(x);
  return undefined;
}

export class ChainedReads {
  /** Writes by path, one entry per (thread, locks held). */
  private readonly writes = new Map<string, Access[]>();
  /** Chained reads by path, one entry per (thread, locks held). */
  private readonly reads = new Map<string, Access[]>();

  /** Thread `tid` wrote `path` holding `held` (in step `step`). */
  write(path: string, tid: number, held: readonly string[], step: string): void {
    const w = { tid, held, step };
    if (!add(this.writes, path, w)) return;
    for (const [p, rs] of this.reads) if (under(p, path) || under(path, p)) for (const r of rs) this.check(p, r, w);
  }

  /** Chained step `step` of thread `tid` read `path` (outside LOCAL) holding `held`. */
  read(path: string, tid: number, held: readonly string[], step: string): void {
    if (EXCUSED[step] !== undefined) return;
    const r = { tid, held, step };
    if (!add(this.reads, path, r)) return;
    for (const [p, ws] of this.writes) if (under(p, path) || under(path, p)) for (const w of ws) this.check(path, r, w);
  }

  private check(path: string, r: Access, w: Access): void {
    if (r.tid === w.tid || excluding(r.held, w.held) !== undefined) return;
    const locks = (h: readonly string[]): string => (h.length === 0 ? 'no lock' : h.join(', '));
    throw new ModelError(
      `${r.step}, a local step, reads ${showPath(path)} holding ${locks(r.held)}, ` +
        `which ${w.step} of thread ${w.tid} writes holding ${locks(w.held)}: no lock excludes the write between the chained steps ` +
        '(model/mm/footprint/chainedReads.ts: drop `local`, or excuse it with the kernel reason)',
    );
  }
}

/** Adds `a` under `path` unless an equal access (same thread, same locks) is there; true when added. */
function add(m: Map<string, Access[]>, path: string, a: Access): boolean {
  let l = m.get(path);
  if (!l) m.set(path, (l = []));
  const key = a.held.join('\n');
  if (l.some((x) => x.tid === a.tid && x.held.join('\n') === key)) return false;
  l.push(a);
  return true;
}
