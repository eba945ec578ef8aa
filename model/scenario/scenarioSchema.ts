/**
 * The scenario schema (zod 4): the single source of the Scenario type
 * (Scenario.ts infers it), of the validation of JSON files and modules
 * (validateScenario.ts) and of the published JSON Schema
 * (scenario.schema.json, written by `npm run schema`, checked by a test).
 * Semantic checks that need more than one field (overlapping VMAs, unknown
 * operations, argument ranges) are in checkThreadArgs.ts and buildInitialState.
 * A scenario names at least one thread: one without checks nothing.
 */
import { z } from 'zod';
import { NOTIFIER_EVENTS } from '../mm/NotifierEvent.js';

/** The message of a wrong value: `required` when absent. */
const must = (what: string) => (iss: { input?: unknown }) => (iss.input === undefined ? 'required' : `must be ${what}`);
const int = (description: string) =>
  z
    .number({ error: must('an integer') })
    .int({ error: 'must be an integer' })
    .describe(description);
const intIn = (lo: number, hi: number, description: string) =>
  z
    .number({ error: must('an integer') })
    .int({ error: `must be an integer in ${lo}..${hi}` })
    .min(lo, { error: `must be an integer in ${lo}..${hi}` })
    .max(hi, { error: `must be an integer in ${lo}..${hi}` })
    .describe(description);
const str = (description: string) => z.string({ error: must('a string') }).describe(description);
const bool = (description: string) => z.boolean({ error: must('true or false') }).describe(description);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
  z.enum(values, { error: must(`one of ${values.map((v) => `'${v}'`).join(', ')}`) }).describe(description);
const list = <T extends z.ZodType>(item: T, description: string) =>
  z
    .array(item, { error: must('an array') })
    .readonly()
    .describe(description);
const obj = <T extends z.ZodRawShape>(shape: T, description: string) =>
  z
    .strictObject(shape, { error: must('an object') })
    .readonly()
    .describe(description);

export const EventSchema = oneOf(NOTIFIER_EVENTS, 'An mmu_notifier event (include/linux/mmu_notifier.h enum mmu_notifier_event).');

/** A site's inputs: any subset overrides the catalog's (or the profile's) value. */
export const SiteSpecSchema = obj(
  {
    event: EventSchema.optional(),
    vma: str("The vma source expression, resolved in the site function's scope: `vma`, `vmf->vma`, `new_vma`, `NULL`.").optional(),
    start: str(
      "The range start as a C expression in the site's scope (`vma->vm_start`, a local such as `address`, or a page number): overrides the site's own.",
    ).optional(),
    end: str("The range end as a C expression in the site's scope (`vma->vm_end`, a local, or a page number): overrides the site's own.").optional(),
  },
  'What a site passes to mmu_notifier_range_init: event, vma and range bounds.',
);

export const SitesSchema = z
  .record(z.string(), SiteSpecSchema, { error: must('an object of site ids') })
  .readonly()
  .describe('Site overrides by catalog id (`"17"`), see `mnc sites`.');

export const VmaSpecSchema = obj(
  {
    name: str('Optional name, referenced from thread args as `"vma:NAME"`.').optional(),
    start: int('First page (inclusive).'),
    end: int('Last page (exclusive).'),
    prot: str('Access: a string of `r` and `w` (`""` = PROT_NONE).'),
    shared: bool('MAP_SHARED (VM_SHARED | VM_MAYSHARE).').optional(),
    mayshare: bool('VM_MAYSHARE without VM_SHARED (a read-only shared mapping).').optional(),
    hugetlb: bool('A hugetlbfs mapping.').optional(),
    locked: bool('VM_LOCKED (mlock).').optional(),
    pfnmap: bool('VM_PFNMAP (a remap_pfn_range mapping; it cannot have mappings or faults here).').optional(),
    thp: bool('VM_HUGEPAGE (MADV_HUGEPAGE, with sysfs enabled = madvise): an anonymous fault maps a huge PMD (do_huge_pmd_anonymous_page).').optional(),
    file: int('File id (index into `files`); absent = anonymous.').optional(),
    pgoff: int('File page index of `start` (default 0).').optional(),
    anonVma: int('anon_vma id (default: a fresh one for each anonymous or private file vma).').optional(),
  },
  'A VMA (struct vm_area_struct) in pages.',
);

export const MappingSpecSchema = obj(
  {
    addr: int('The page mapped.'),
    write: bool('Writable PTE.').optional(),
    dirty: bool('Dirty PTE.').optional(),
    young: bool('Young (accessed) PTE.').optional(),
    huge: bool('A huge PMD mapping of the PMD-aligned block containing addr.').optional(),
    shareWith: obj({ mm: int('The mm.'), addr: int('The page.') }, 'Map the same frame as this (mm, addr) (e.g. after fork, before COW).').optional(),
  },
  'An initial mapping of one page.',
);

export const MmSpecSchema = obj(
  {
    vmas: list(VmaSpecSchema, 'The VMAs of this mm, not overlapping.'),
    mappings: list(MappingSpecSchema, 'Initial mappings.').optional(),
    notifiers: list(
      str('A mirror name.'),
      'Subscriber order: mirror names, first called first. Default: the mirrors of this mm in declaration order.',
    ).optional(),
  },
  'An address space (struct mm_struct).',
);

export const MirrorSpecSchema = obj(
  {
    name: str("The mirror's name (`mirror:NAME` in thread args)."),
    kind: str('The mirror kind: kvm, hmm50, hmm52, odp, gpu, sva, aware, or one a scenario module adds.'),
    mm: int('The mm it mirrors.'),
    entries: list(int('A page.'), 'Addresses whose device entry starts coherent with the CPU page table.').optional(),
  },
  'A secondary MMU subscribed with mmu_notifier_register.',
);

export const ScalarSchema = z.union([z.number(), z.string(), z.boolean(), z.null()], { error: 'must be a number, string, boolean or null' });

export const ThreadSpecSchema = obj(
  {
    name: str('A unique thread name (traces and replay name threads by it).'),
    op: str('An operation: see `mnc ops`.'),
    args: z
      .record(z.string(), ScalarSchema, { error: must('an object') })
      .readonly()
      .describe('Arguments (see `mnc ops`); strings `vma:NAME` and `mirror:NAME` resolve to ids.')
      .optional(),
    sites: SitesSchema.optional(),
    fatalSignal: bool(
      "SIGKILL pending on this thread (an OOM victim's thread): seen by fatal_signal_pending / signal_pending checks (mm/gup.c:__get_user_pages, KVM's vcpu_run). Default false.",
    ).optional(),
  },
  'A thread running one operation.',
);

export const VerdictSchema = oneOf(['ok', 'violation', 'deadlock'], 'The expected verdict: every property holds, a property fails, or the threads deadlock.');

export const ProfileExpectationSchema = obj(
  {
    expect: VerdictSchema,
    expectProperty: str('For `violation`: the property expected to fail.').optional(),
  },
  'The verdict under another event profile.',
);

export const GeometrySchema = obj(
  {
    ptesPerTable: intIn(1, 64, 'PTEs per PTE table.'),
    pmdsPerTable: intIn(1, 64, 'PMDs per PMD table.'),
    puds: intIn(1, 64, 'PUD entries.'),
  },
  'Page-table geometry (pages = puds * pmdsPerTable * ptesPerTable).',
);

export const ScenarioSchema = obj(
  {
    $schema: str('The JSON Schema of this file (for editors).').optional(),
    name: str("The scenario's name."),
    description: str('What it checks, and why it is expected to pass or fail.').optional(),
    expect: VerdictSchema,
    expectProperty: str('For `violation`: the property expected to fail (`mnc check --list-properties`).').optional(),
    geometry: GeometrySchema,
    frames: intIn(1, 256, 'Size of the page-frame pool.'),
    swap: intIn(0, 256, 'Swap slots of the one swap device (default 0: anonymous reclaim finds no swap space).').optional(),
    gatherBatch: intIn(
      1,
      64,
      "Pages an mmu_gather batches before it is full and its caller flushes and frees them at once (the local batch of MMU_GATHER_BUNDLE = 8 when tlb_next_batch's GFP_NOWAIT allocation fails; scaled down to the model's few pages). Default: the batch never fills (the allocation succeeds).",
    ).optional(),
    files: list(int('Pages of the file.'), 'Files: the number of pages of each.').optional(),
    mms: list(MmSpecSchema, 'The address spaces (at least one).'),
    mirrors: list(MirrorSpecSchema, 'The secondary MMUs.').optional(),
    threads: z
      .array(ThreadSpecSchema, { error: must('an array') })
      .min(1, { error: 'must name at least one thread (a scenario without threads checks nothing)' })
      .readonly()
      .describe('The threads, each running one operation (at least one).'),
    profiles: obj({ 'v5.2': ProfileExpectationSchema.optional() }, 'The verdict under another event profile, when it differs from `expect`.').optional(),
    profile: oneOf(['seed', 'v5.2'], 'Event profile for sites without an override: `seed` (default) or `v5.2`.').optional(),
    sites: SitesSchema.optional(),
    reach: list(
      str('A guard name.'),
      'Reachability guards that must hold somewhere (default: inferred from the threads, at least `reach-range-started`; `[]` checks the contract alone).',
    ).optional(),
  },
  'An mnc scenario: mms, mirrors, threads and the expected verdict (model/README.md).',
);
