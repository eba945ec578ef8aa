/**
 * FUTURE of model/mmPartialOrder.ts: everything thread t may still touch (read,
 * walk or write), declared, and checked against every footprint recorded for
 * the thread (a breach is a ModelError naming the step).
 *
 * A thread whose operation names its mm (`mm`, or the mirror `m` a device
 * access goes through) and is one of CONFINED touches only that mm: its
 * `mms` entry, the mirrors registered on it, the locks and one-step sections
 * of that mm and of those mirrors, besides the pools every mm draws from
 * (page tables, frames, files, swap, vmas, the other locks: table and page
 * locks are named by pool index, not by mm) and its own thread state, never
 * another thread's; it may read another mm's PUD entries (hugetlb's
 * huge_pmd_share looks for a PMD table to share through the file's i_mmap).
 * Footprints include what the step properties read on the thread's steps
 * (PartialOrder.edgeReads), among it the other threads' notifier ranges.
 * Any other thread may touch any shared object: an rmap
 * walk (reclaim, migration, KSM, truncate) reaches every mm that maps a page.
 * A thread whose operation is one of NO_VMA_WRITES writes no vma. These
 * claims are about the programs as modelled: with a program replaced (a
 * mutant, a scenario's edit: ProgramRegistry.edited, `trusted` false) no
 * operation is confined and every one may write vmas.
 */
import type { MmState } from '../MmState.js';
import { SEP, type Footprint } from './Footprint.js';
import { declared } from './within.js';
import { EXIT_OPS } from '../mmTasks.js';

const SHARED = ['mms', 'vmas', 'pmdTables', 'pteTables', 'frames', 'files', 'swap', 'locks', 'mirrors', 'sections'];
const POOLS = ['vmas', 'pmdTables', 'pteTables', 'frames', 'files', 'swap'];

/**
 * Operations that stay on the mm their arguments name (no rmap walk into
 * other mms): accesses through the CPU or a mirror (their fault paths
 * included), and the address-space operations of one process.
 */
const CONFINED = new Set([
  'cpu_access',
  'device_access',
  'do_user_addr_fault',
  'madvise_dontneed',
  'madvise_free',
  'mprotect',
  'munmap',
  'mremap',
  'oom_reap_task',
]);

/**
 * Operations that never write a vma (no mmap, munmap, mprotect, mremap,
 * fork, split or merge, and no fault, whose anon_vma_prepare sets a vma's
 * anon_vma): rmap walkers and zaps of existing mappings.
 */
const NO_VMA_WRITES = new Set([
  'unmap_mapping_pages',
  'madvise_dontneed',
  'madvise_free',
  'oom_reap_task',
  'shrink_page_list',
  'write_cache_pages',
  'dax_writeback',
  'ksm_cmp_and_merge_page',
]);

/** The mms thread t stays on, or undefined (any). */
export function confinedMms(s: MmState, t: number, trusted: boolean): number[] | undefined {
  const th = s.cfg.threads[t]!;
  if (!trusted || !CONFINED.has(th.op)) return undefined;
  const { mm, m } = th.args;
  if (typeof mm === 'number') return [mm];
  if (typeof m === 'number' && s.cfg.mirrors[m]) return [s.cfg.mirrors[m].mm];
  return undefined;
}

/**
 * Writes below `p`, never of `p` itself (no step replaces a whole table,
 * vma pool or mm: checked with the rest), so that a step property's
 * `prev.vmas === next.vmas` (a walk of the root) depends on no write.
 */
const below = (p: string): string => `${p}.*`;

export function threadFuture(s: MmState, t: number, trusted: boolean): Footprint {
  const me = `threads.${t}`;
  /**
   * Step properties on its steps read the other threads' notifier ranges (fault-progress: is an invalidation in flight);
   * the exit's release waits until the tasks of its mm have ended (model/mm/mmTasks.ts: their call stacks' lengths).
   */
  const others = ['threads.*.ranges', 'threads.length', ...(EXIT_OPS.has(s.cfg.threads[t]!.op) ? ['threads.*.frames.length'] : [])];
  const mms = confinedMms(s, t, trusted);
  const writesVmas = !trusted || !NO_VMA_WRITES.has(s.cfg.threads[t]!.op);
  const writable = (p: string) => p !== 'vmas' || writesVmas;
  // writes: a mirror's fields, never a whole mirror (mutMirror writes fields; checked like the rest)
  if (!mms) return declared([...SHARED, me, ...others], [...SHARED.filter((x) => x !== 'mirrors' && writable(x)).map(below), 'mirrors.*.*', below(me)]);
  const mirrors = s.cfg.mirrors.flatMap((x, i) => (mms.includes(x.mm) ? [i] : []));
  /** A lock of another mm, or of a mirror on another mm. */
  const foreign = (lock: string): boolean => {
    const head = lock.slice(0, lock.indexOf('.'));
    const mm = /^mm(\d+)$/.exec(head);
    if (mm) return !mms.includes(Number(mm[1]));
    const i = s.cfg.mirrors.findIndex((x) => x.name === head);
    return i >= 0 && !mirrors.includes(i);
  };
  const mine = [...POOLS, ...mms.map((x) => `mms.${x}`), me];
  const f = declared(
    [...mine, ...others, 'mirrors.*.kind', 'mirrors.*.mm', 'mms.length', 'mms.*.pud', 'mirrors.length', 'locks.length', ...mirrors.map((x) => `mirrors.${x}`)],
    [...mine.filter(writable).map(below), ...mirrors.map((x) => `mirrors.${x}.*`)],
  );
  // a lock's state is at its id (MmState.locks), a section on it at its name (currentStep.ts isContended)
  s.cfg.lockNames.forEach((lock, id) => {
    if (foreign(lock)) return;
    for (const path of [`locks${SEP}${id}`, `sections${SEP}${lock}`]) {
      f.reads.add(path);
      f.writes.add(path);
    }
  });
  return f;
}
