/**
 * What a program argument is, by its name (the programs name their
 * arguments after the kernel's parameters): its type for `mnc ops` and the
 * range a scenario's value must lie in (checkThreadArgs). A name not listed
 * takes any scalar.
 */
import { pages } from '../mm/Geometry.js';
import type { Scalar } from '../mm/MmState.js';
import type { Scenario } from './Scenario.js';

export interface ArgKind {
  /** The type as `mnc ops` prints it. */
  readonly type: string;
  /** Why `v` does not fit `sc` (undefined when it does). */
  check(v: Scalar, sc: Scenario): string | undefined;
}

const intIn = (v: Scalar, lo: number, hi: number, what: string): string | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? undefined : `must be ${what}: an integer in ${lo}..${hi}`;
const named = (prefix: string, count: (sc: Scenario) => number, what: string): ArgKind => ({
  type: `${what} (index, or "${prefix}:NAME")`,
  check: (v, sc) => (typeof v === 'string' && v.startsWith(`${prefix}:`) ? undefined : intIn(v, 0, count(sc) - 1, `a ${what} index or "${prefix}:NAME"`)),
});

const MM: ArgKind = { type: 'mm (index into mms)', check: (v, sc) => intIn(v, 0, sc.mms.length - 1, 'an mm index') };
/** -1 for none (ksm_cmp_and_merge_page's kmm/kaddr: no stable page yet). */
const orNone = (k: ArgKind): ArgKind => ({ type: `${k.type}, or -1 for none`, check: (v, sc) => (v === -1 ? undefined : k.check(v, sc)) });
const VMA = named('vma', (sc) => sc.mms.reduce((n, m) => n + m.vmas.length, 0), 'vma');
const MIRROR = named('mirror', (sc) => sc.mirrors?.length ?? 0, 'mirror');
const PAGE: ArgKind = { type: 'page (address in pages)', check: (v, sc) => intIn(v, 0, pages(sc.geometry), 'a page address') };
const COUNT: ArgKind = { type: 'page count', check: (v, sc) => intIn(v, 0, pages(sc.geometry), 'a number of pages') };
const FILE: ArgKind = { type: 'file (index into files)', check: (v, sc) => intIn(v, 0, (sc.files?.length ?? 0) - 1, 'a file index') };
const FILE_PAGE: ArgKind = { type: 'file page index', check: (v, sc) => intIn(v, 0, Math.max(0, ...(sc.files ?? [0])) - 1, 'a file page index') };
const FRAME: ArgKind = { type: 'page frame (index into the frame pool)', check: (v, sc) => intIn(v, 0, sc.frames - 1, 'a frame index') };
const FLAG: ArgKind = { type: 'boolean', check: (v) => (typeof v === 'boolean' || v === 0 || v === 1 ? undefined : 'must be true or false') };
const PROT: ArgKind = { type: "'r' or 'rw'", check: (v) => (v === 'r' || v === 'rw' ? undefined : "must be 'r' or 'rw'") };

const KINDS: Readonly<Record<string, ArgKind>> = {
  kmm: orNone(MM),
  kaddr: orNone(PAGE),
  mm: MM,
  dst_mm: MM,
  src_mm: MM,
  child: MM,
  vma: VMA,
  new_vma: VMA,
  dst_vma: VMA,
  m: MIRROR,
  addr: PAGE,
  address: PAGE,
  start: PAGE,
  end: PAGE,
  old: PAGE,
  new: PAGE,
  start_addr: PAGE,
  end_addr: PAGE,
  old_addr: PAGE,
  new_addr: PAGE,
  floor: PAGE,
  ceiling: PAGE,
  first: PAGE,
  size: COUNT,
  len: COUNT,
  nr: COUNT,
  file: FILE,
  index: FILE_PAGE,
  page: FRAME,
  kpage: FRAME,
  old_page: FRAME,
  new_page: FRAME,
  frame: FRAME,
  r: { type: "notifier range (index into the thread's ranges; set by the caller)", check: () => undefined },
  write: FLAG,
  freeze: FLAG,
  cow: FLAG,
  device: FLAG,
  prot: PROT,
};

/** Thread options read through `c.cfg.args` by a program deep in the call chain, allowed on any operation. */
export const THREAD_OPTIONS: Readonly<Record<string, ArgKind>> = {
  /** do_huge_pmd_wp_page: the THP allocation fails (mm/huge_memory.c, the fallback path). */
  thp_alloc_fail: FLAG,
};

const ANY: ArgKind = { type: 'scalar', check: () => undefined };

export function argKind(name: string): ArgKind {
  return KINDS[name] ?? THREAD_OPTIONS[name] ?? ANY;
}
