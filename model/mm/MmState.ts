/**
 * The state of the mm model: one plain object, changed only by a step
 * (runStep) through a state backend (`cow`, or `immer` with frozen states;
 * shared parts only through mutate.ts). No derived data; every field is
 * needed by a step or a property. Key order is fixed (objects are built by
 * the constructors in this folder and no field is optional): the state key
 * (stateKey.ts, a sum over (place, value) leaves) does not depend on it,
 * but the hash that orders interchangeable threads under `--symmetry`
 * (valueLanes.ts) hashes an object's values in that order.
 *
 * Addresses are page numbers. Geometry (see Geometry.ts): a PUD entry of an
 * mm points to a PMD table; a PMD entry is none, a PTE table, a huge mapping
 * or a migration entry; a PTE is none, present, a migration entry or a swap
 * entry.
 */
import type { Geometry } from './Geometry.js';
import type { NotifierEvent } from './NotifierEvent.js';

export type Scalar = number | boolean | string | null;
export type Locals = Record<string, Scalar>;

/** A page table entry (include/linux/mm_types.h pte_t, as the model sees it). */
export type Pte =
  | null
  | {
      readonly kind: 'present';
      readonly frame: number;
      readonly write: boolean;
      readonly dirty: boolean;
      readonly young: boolean;
      readonly softDirty: boolean;
    }
  | { readonly kind: 'migration'; readonly frame: number; readonly write: boolean }
  /** A swap entry (swp_entry_to_pte): the page was reclaimed to swap slot `slot` (one swap device, type 0). */
  | { readonly kind: 'swap'; readonly slot: number };

/** A PMD entry: none, a PTE table, a huge (THP/hugetlb) mapping, or a PMD migration entry. */
export type PmdEntry =
  | null
  | { readonly kind: 'table'; readonly table: number }
  | {
      readonly kind: 'huge';
      readonly frame: number;
      readonly write: boolean;
      readonly dirty: boolean;
      readonly young: boolean;
      /** _PAGE_SOFT_DIRTY (x86 pmd_mkdirty sets it; clear_refs clears it; __split_huge_pmd_locked copies it to the PTEs) */
      readonly softDirty: boolean;
    }
  | { readonly kind: 'migration'; readonly frame: number; readonly write: boolean };

/** A PTE table page (global pool, id = index; `null` slot = free). */
export interface PteTable {
  readonly ptes: readonly Pte[];
}

/** A PMD table page (global pool so hugetlb can share one between mms; `share` counts the PUD entries pointing at it). */
export interface PmdTable {
  readonly entries: readonly PmdEntry[];
  readonly share: number;
}

export interface VmaFlags {
  readonly read: boolean;
  readonly write: boolean;
  /** VM_SHARED */
  readonly shared: boolean;
  /** VM_MAYSHARE */
  readonly mayshare: boolean;
  readonly hugetlb: boolean;
  /** VM_LOCKED (mlock) */
  readonly locked: boolean;
  /** VM_PFNMAP (remap_pfn_range: no struct page behind the PTEs) */
  readonly pfnmap: boolean;
  /** VM_HUGEPAGE (MADV_HUGEPAGE): THP on fault, with sysfs transparent_hugepage/enabled = madvise */
  readonly hugepage: boolean;
}

/** A vm_area_struct. Ids are never reused: a freed VMA stays with `live = false`. */
export interface Vma {
  readonly id: number;
  readonly mm: number;
  readonly start: number;
  readonly end: number;
  readonly flags: VmaFlags;
  /** Backing file id, or null for anonymous memory. */
  readonly file: number | null;
  /** vm_pgoff: file page index of `start`. */
  readonly pgoff: number;
  /** anon_vma id (for anon and private file mappings), or null. */
  readonly anonVma: number | null;
  readonly live: boolean;
  /**
   * On its anon_vma's interval tree (an anon_vma_chain links it) and on its
   * file's i_mmap tree: both true from vma_link until free_pgtables'
   * unlink_anon_vmas / unlink_file_vma (mm/memory.c, v5.0) take it off, before
   * remove_vma frees it. The rmap walkers see only the vmas still on the tree.
   */
  readonly inAnonVma: boolean;
  readonly inIMmap: boolean;
}

/** A CPU TLB entry (one CPU per mm). `gen` is the frame's allocation generation when filled. */
export interface TlbEntry {
  readonly frame: number;
  readonly gen: number;
  readonly write: boolean;
  readonly dirty: boolean;
}

export interface Mm {
  /** PUD entries: PMD table id or null. */
  readonly pud: readonly (number | null)[];
  /** mm->mmap: live VMA ids ordered by start. */
  readonly vmas: readonly number[];
  /** Subscribed mirror ids, in mmu_notifier_mm->list order. */
  readonly notifiers: readonly number[];
  /** The CPU TLB, one slot per page. */
  readonly tlb: readonly (TlbEntry | null)[];
  /** mm->tlb_flush_pending (inc_tlb_flush_pending / dec_tlb_flush_pending). */
  readonly flushPending: number;
  /**
   * mm->mm_users: the owner's reference (1 at the start) plus one per
   * mmget_not_zero caller in flight (an ODP or event-aware mirror's fault).
   * Exit's mmput drops the owner's in the first step of
   * `mmu_notifier_release` (exit_mmap's first call); whoever drops the last
   * runs exit_mmap (model/mm/mmUsers.ts). The references of the mm's tasks
   * are not counted: the exit's mmput waits until those threads have ended
   * (mmTasks.ts).
   */
  readonly users: number;
  /**
   * MMF_OOM_SKIP (mm->flags): set by the oom reaper when it is done
   * (mm/oom_kill.c:oom_reap_task) and by an OOM victim's exit_mmap after its
   * own reap (mm/mmap.c:exit_mmap); oom_reap_task_mm tests it under mmap_sem
   * for read and then leaves the mm alone (model/sites/exitMmap.ts).
   */
  readonly oomSkip: boolean;
  /**
   * MMF_UNSTABLE (mm->flags): set by the oom reaper before it zaps
   * (mm/oom_kill.c:__oom_reap_task_mm, also in an OOM victim's own exit_mmap);
   * from then on mm/memory.c:check_stable_address_space fails a fault that
   * would map a new page in a private mapping (VM_FAULT_SIGBUS:
   * model/mm/fault/anonFaultSteps.ts, fileFaultSteps.ts, doHugePmdAnonymousPage.ts).
   */
  readonly unstable: boolean;
  /**
   * exit_mmap has begun its teardown (mm/mmap.c:exit_mmap, from the munlock
   * loop on: unmap_vmas, free_pgtables, remove_vma), which takes no lock
   * of the mm: no kernel flag, the model's mark of the point from which a
   * walk of the mm's page tables or vmas may meet freed memory
   * (model/mm/tornDownWalk.ts).
   */
  readonly tearingDown: boolean;
  /**
   * khugepaged's cursor is on this mm (mm/khugepaged.c: khugepaged_scan.mm_slot
   * is its mm_slot): from a khugepaged thread's first step to its end
   * (model/sites/collapseHugePage.ts). __khugepaged_exit frees a slot the
   * cursor is not on, and waits on mmap_sem for one it is on
   * (model/sites/mmputExits.ts).
   */
  readonly khugepagedScan: boolean;
  /**
   * The owner task has left the mm: kernel/exit.c:exit_mm sets
   * `current->mm = NULL` (under task_lock) before its mmput, in the model
   * the first step of the exit's `mmu_notifier_release` (with `put`). From
   * then on kernel/fork.c:get_task_mm on the owner finds no mm (clear_refs
   * walks nothing), even while another reference keeps mm_users above 0.
   */
  readonly ownerExited: boolean;
}

/**
 * 'zero': the shared zero page (mm/memory.c zero_pfn, ZERO_PAGE(0)): the last
 * frame of the pool, never allocated or freed, mapped read-only by anonymous
 * read faults with pte_mkspecial (vm_normal_page() returns NULL: no rmap, and
 * its refcount is not tracked).
 */
export type FrameKind = 'free' | 'anon' | 'file' | 'zero';

/** A struct page. `gen` bumps on every allocation, `ver` on every write to the content. */
export interface Frame {
  readonly kind: FrameKind;
  /** page_count */
  readonly ref: number;
  /** page_mapcount */
  readonly map: number;
  readonly gen: number;
  readonly ver: number;
  /** PageDirty */
  readonly dirty: boolean;
  /** Page-cache owner (file id, index) for file pages. */
  readonly file: number | null;
  readonly index: number;
  /** Huge (compound, PMD-sized) page. */
  readonly huge: boolean;
  /** PageSwapCache: the swap slot whose cache holds this page (page_private), or null. */
  readonly swap: number | null;
  /**
   * PageKsm: an anonymous page KSM merged (a stable tree page: set_page_stable_node).
   * A write fault never reuses it (mm/memory.c:do_wp_page v5.0, `PageAnon && !PageKsm`;
   * mm/swapfile.c:reuse_swap_page): the writer gets a copy. Cleared when it is freed.
   */
  readonly ksm: boolean;
}

/**
 * One swap slot (mm/swapfile.c swap_map[offset]): `count` swap PTEs refer to
 * it; `cache` is the page in the swap cache (SWAP_HAS_CACHE), or null; `ver`
 * is the content version the last pageout wrote (swap I/O is abstract). Free
 * when count is 0 and no page is cached.
 */
export interface SwapSlot {
  readonly count: number;
  readonly cache: number | null;
  readonly ver: number;
}

/** A struct address_space: the page cache, one slot per file page index. */
export interface FileObj {
  readonly pages: readonly (number | null)[];
}

/** A lock: `holder` for spinlocks, mutexes and a writer; `readers` for rwsem readers. */
export interface Lock {
  readonly holder: number | null;
  readonly readers: number;
}

/** One subscriber's view of an invalidation (recorded for the properties). */
export interface SubscriberCall {
  readonly mirror: number;
  /** 'none' until invalidate_range_start was called, then 'ok' or 'err'. */
  readonly start: 'none' | 'ok' | 'err';
  /** Number of invalidate_range_end calls received. */
  readonly ends: number;
}

/** `ended` is never stored (an ended range is removed): the step properties see it as the final form of a removed range (properties/view/moverStep.ts). */
export type RangePhase = 'init' | 'starting' | 'started' | 'failed' | 'ending' | 'ended';

/** A struct mmu_notifier_range plus what the properties need to know of its life. */
export interface NotifierRange {
  readonly site: string;
  readonly mm: number;
  readonly start: number;
  readonly end: number;
  readonly event: NotifierEvent;
  readonly vma: number | null;
  readonly blockable: boolean;
  readonly phase: RangePhase;
  /** The error start returned (0 or a negative errno). */
  readonly err: number;
  /** Filled when start dispatch begins, in subscriber order. */
  readonly subs: readonly SubscriberCall[];
}

/** A struct mmu_gather (one per thread at most). */
export interface Gather {
  readonly mm: number;
  /** Pending TLB flush range [start, end); start === end: nothing to flush. */
  readonly start: number;
  readonly end: number;
  /** Pages batched for freeing after the flush (each holds one reference). */
  readonly pages: readonly number[];
}

/** One activation of a program: its pc (a step label) and its locals. */
export interface ProgFrame {
  readonly prog: string;
  readonly pc: string;
  readonly locals: Locals;
}

/**
 * `current->tlb_ubc` (include/linux/sched.h struct tlbflush_unmap_batch, mm/rmap.c v5.0):
 * the mms whose CPU TLB flush reclaim deferred (set_tlb_ubc_flush_pending; the model's
 * cpumask: one bit per mm) and whether a deferred PTE was dirty (try_to_unmap_flush_dirty).
 */
export interface TlbUbc {
  /** Bit `mm` set: mm's flush is pending (flush_required for that mm's CPUs). */
  readonly mms: number;
  readonly writable: boolean;
}

/** One `migrate->src[i]` (mm/migrate.c v5.0): [pfn or -1, MIGRATE_PFN_* flags]. */
export type MigrateSrc = readonly [pfn: number, flags: number];

/** The `struct migrate_vma` of mm/migrate.c:migrate_vma (v5.0) while it runs: one slot per page from `start`. */
export interface MigrateVmaState {
  readonly src: readonly MigrateSrc[];
  /** `migrate->dst[i]`: the new page's pfn, or -1. */
  readonly dst: readonly number[];
  readonly cpages: number;
}

/**
 * State an operation keeps across the subroutines it calls, which the
 * kernel keeps in the task or behind a pointer a callee is given (issue 10):
 * reclaim's deferred TLB flush, page_mkclean's `cleaned` count (rmap_walk's
 * arg), migrate_vma's arrays. Each is reset when the operation that owns it
 * ends, so that states after it are not told apart by leftovers.
 */
export interface TaskState {
  readonly tlbUbc: TlbUbc;
  /** page_mkclean's `int cleaned` (mm/rmap.c), counted by page_mkclean_one through rwc.arg. */
  readonly cleaned: number;
  readonly migrate: MigrateVmaState | null;
}

export interface Thread {
  /** Call stack; empty when the thread has ended. The top is the last. */
  readonly frames: readonly ProgFrame[];
  /** Held locks, as `name` (exclusive) or `name:r` (shared), in acquisition order. */
  readonly held: readonly string[];
  /**
   * The notifier ranges of this thread that have not ended, by index (a
   * range's index is its handle, kept in the site's locals). A range that
   * ends leaves a null hole; trailing holes are trimmed, so the next range
   * reuses the index. Ended ranges are history no property needs: keeping
   * them made states that differ only in history distinct (issue 10).
   */
  readonly ranges: readonly (NotifierRange | null)[];
  readonly gather: Gather | null;
  /** Return value register of the last returning subroutine. */
  readonly rv: Scalar;
  /** Per-task state of the running operation (TaskState). */
  readonly task: TaskState;
}

/** A mirror's state: a kind tag plus kind-specific fields (see model/mirrors/). */
export interface MirrorState {
  readonly kind: string;
  readonly mm: number;
  readonly [field: string]: unknown;
}

/** Constant per scenario: not part of the canonical key. */
export interface ThreadConfig {
  readonly name: string;
  readonly op: string;
  readonly args: Locals;
  /** Per site id: the event and vma expression the site passes. */
  readonly sites: Readonly<Record<string, SiteConfig>>;
  /** SIGKILL pending on this thread (an OOM victim's thread): fatal_signal_pending(current). */
  readonly fatalSignal: boolean;
}

export interface SiteConfig {
  readonly event: NotifierEvent;
  /** The vma source expression, e.g. `vma`, `vmf->vma`, `NULL`. */
  readonly vma: string;
  /** Range bounds overriding the site's own: a C expression in the site's scope (see rangeBound). */
  readonly start?: string;
  readonly end?: string;
}

export interface MirrorConfig {
  readonly name: string;
  readonly kind: string;
  readonly mm: number;
}

export interface MmConfig {
  readonly geometry: Geometry;
  readonly threads: readonly ThreadConfig[];
  readonly mirrors: readonly MirrorConfig[];
  /** Every lock of the scenario by id: `MmState.locks[id]` is the state of lock `lockNames[id]` (locks.ts LockName). */
  readonly lockNames: readonly string[];
  /** A lock's id by name (the inverse of lockNames). */
  readonly lockIds: ReadonlyMap<string, number>;
  /** Pages an mmu_gather holds before `__tlb_remove_page` reports it full (scenario `gatherBatch`; Infinity: never). */
  readonly gatherBatch: number;
}

export interface MmState {
  /** Constant configuration (shared by reference, excluded from the key). */
  readonly cfg: MmConfig;
  readonly mms: readonly Mm[];
  readonly vmas: readonly Vma[];
  readonly pmdTables: readonly (PmdTable | null)[];
  readonly pteTables: readonly (PteTable | null)[];
  readonly frames: readonly Frame[];
  readonly files: readonly FileObj[];
  /** The swap device's slots (scenario `swap`, default none: add_to_swap then fails). */
  readonly swap: readonly SwapSlot[];
  /**
   * Every lock of the scenario, created up front, by id (`cfg.lockNames`;
   * model code names locks and reads them through locks.ts `lockState`).
   * An array, not a record by name: a step that takes a lock copies the
   * table, and copying a 20-to-60-key record cost ~20x an array's slice.
   */
  readonly locks: readonly Lock[];
  readonly mirrors: readonly MirrorState[];
  readonly threads: readonly Thread[];
}

/**
 * Every part of an MmState but its constant `cfg`, in key order: what the
 * canonical key hashes (stateKey.ts) and what a step may change (runStep.ts).
 * A part added to MmState is a compile error below until it is listed here.
 */
export const MM_STATE_PARTS = ['mms', 'vmas', 'pmdTables', 'pteTables', 'frames', 'files', 'swap', 'locks', 'mirrors', 'threads'] as const;
type Unlisted = Exclude<keyof MmState, 'cfg' | (typeof MM_STATE_PARTS)[number]>;
const EVERY_PART_LISTED: [Unlisted] extends [never] ? true : { readonly 'MmState parts missing from MM_STATE_PARTS': Unlisted } = true;
void EVERY_PART_LISTED;
