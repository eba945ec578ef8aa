/**
 * A scenario is data, like a litmus test: the mms with their VMAs and
 * initial mappings, the mirrors and their subscriber order per mm, the
 * threads (operation + arguments), and the expected verdict.
 * JSON files use this shape (see model/README.md); TS modules export one
 * plus extra programs (ScenarioModule).
 */
import type { Geometry } from '../mm/Geometry.js';
import type { Scalar, SiteConfig } from '../mm/MmState.js';
import type { Program } from '../mm/step/Program.js';

export interface VmaSpec {
  /** Optional name, referenced from thread args as `"vma:NAME"`. */
  readonly name?: string;
  readonly start: number;
  readonly end: number;
  /** Access: a string of `r` and `w` (`""` = PROT_NONE). */
  readonly prot: string;
  /** MAP_SHARED (VM_SHARED | VM_MAYSHARE). */
  readonly shared?: boolean;
  /** VM_MAYSHARE without VM_SHARED (a read-only shared mapping). */
  readonly mayshare?: boolean;
  readonly hugetlb?: boolean;
  /** VM_LOCKED (mlock). */
  readonly locked?: boolean;
  /** VM_PFNMAP (a remap_pfn_range mapping; it cannot have mappings or faults here). */
  readonly pfnmap?: boolean;
  /** VM_HUGEPAGE (MADV_HUGEPAGE, with sysfs enabled = madvise): an anonymous fault maps a huge PMD (do_huge_pmd_anonymous_page). */
  readonly thp?: boolean;
  /** File id (index into `files`); absent = anonymous. */
  readonly file?: number;
  /** File page index of `start` (default 0). */
  readonly pgoff?: number;
  /** anon_vma id (default: a fresh one for each anonymous or private file vma). */
  readonly anonVma?: number;
}

export interface MappingSpec {
  readonly addr: number;
  readonly write?: boolean;
  readonly dirty?: boolean;
  readonly young?: boolean;
  /** A huge PMD mapping of the PMD-aligned block containing addr. */
  readonly huge?: boolean;
  /** Map the same frame as this (mm, addr) (e.g. after fork, before COW). */
  readonly shareWith?: { readonly mm: number; readonly addr: number };
}

export interface MmSpec {
  readonly vmas: readonly VmaSpec[];
  readonly mappings?: readonly MappingSpec[];
  /** Subscriber order: mirror names, first called first. Default: the mirrors of this mm in declaration order. */
  readonly notifiers?: readonly string[];
}

export interface MirrorSpec {
  readonly name: string;
  readonly kind: string;
  readonly mm: number;
  /** Addresses whose device entry starts coherent with the CPU page table. */
  readonly entries?: readonly number[];
}

export interface ThreadSpec {
  readonly name: string;
  /** A registered program, e.g. `madvise_dontneed`, `cpu_access`, `device_access`. */
  readonly op: string;
  /** Program arguments; strings `vma:NAME` and `mirror:NAME` resolve to ids. */
  readonly args?: Readonly<Record<string, Scalar>>;
  /** Per-site event/vma overrides for this thread. */
  readonly sites?: Readonly<Record<string, SiteConfig>>;
  /**
   * A fatal signal (SIGKILL) is pending on this thread from the start: a
   * thread of the OOM killer's victim (mm/oom_kill.c:__oom_kill_process kills
   * every process sharing the mm before waking the oom reaper). Read by
   * fatal_signal_pending / signal_pending checks (mm/gup.c:__get_user_pages,
   * KVM's vcpu_run). Default false.
   */
  readonly fatalSignal?: boolean;
}

export type ExpectedVerdict = 'ok' | 'violation';

export interface ProfileExpectation {
  readonly expect: ExpectedVerdict;
  readonly expectProperty?: string;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly expect: ExpectedVerdict;
  /** For `violation`: the property expected to fail. */
  readonly expectProperty?: string;
  readonly geometry: Geometry;
  /** Size of the page-frame pool. */
  readonly frames: number;
  /** Files: the number of pages of each. */
  readonly files?: readonly number[];
  readonly mms: readonly MmSpec[];
  readonly mirrors?: readonly MirrorSpec[];
  readonly threads: readonly ThreadSpec[];
  /**
   * The verdict under another event profile, when it differs from `expect`
   * (a finding that only the merged v5.2 events show, or one they fix).
   */
  readonly profiles?: { readonly 'v5.2'?: ProfileExpectation };
  /** Event profile for sites without an override: `seed` (default) or `v5.2`. */
  readonly profile?: 'seed' | 'v5.2';
  /** Site overrides for every thread (by site id, e.g. `"17"`). */
  readonly sites?: Readonly<Record<string, SiteConfig>>;
}

/** A TypeScript scenario module: a scenario plus the programs it adds. */
export interface ScenarioModule {
  readonly scenario: Scenario;
  readonly programs?: readonly Program[];
}
