/**
 * Site #7, mm/hugetlb.c:copy_hugetlb_page_range (v5.0) {dst, src, vma}, and
 * operation `fork_hugetlb` {vma, dst_vma}: kernel/fork.c:dup_mmap copying one
 * hugetlb vma of the parent (`vma`, in mm `src`) into the child's copy
 * (`dst_vma`, an empty vma of mm `dst` given by the scenario), with
 * down_write(&oldmm->mmap_sem) and down_write_nested(&mm->mmap_sem).
 *
 *   cow = (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
 *   if (cow) { mmu_notifier_range_init(&range, <event>, <vma>, src, vma->vm_start, vma->vm_end); mmu_notifier_invalidate_range_start(&range); }
 *   for (addr = vma->vm_start; addr < vma->vm_end; addr += sz) {
 *       src_pte = huge_pte_offset(src, addr, sz); if (!src_pte) continue;
 *       dst_pte = huge_pte_alloc(dst, addr, sz);  if (dst_pte == src_pte) continue;  (shared PMD)
 *       dst_ptl = huge_pte_lock(h, dst, dst_pte); src_ptl = huge_pte_lockptr(h, src, src_pte); spin_lock_nested(src_ptl, SINGLE_DEPTH_NESTING);
 *       entry = huge_ptep_get(src_pte);
 *       if (huge_pte_none(entry)) ; else if (migration) { ... } else {
 *           if (cow) huge_ptep_set_wrprotect(src, addr, src_pte);   (no notify: "downgrading page table protection")
 *           entry = huge_ptep_get(src_pte); get_page(ptepage); page_dup_rmap(ptepage, true); set_huge_pte_at(dst, addr, dst_pte, entry); }
 *       spin_unlock(src_ptl); spin_unlock(dst_ptl); }
 *   if (cow) mmu_notifier_invalidate_range_end(&range);
 * MAP_PRIVATE is modelled as "not VM_SHARED" and always VM_MAYWRITE.
 * A shareable (VM_MAYSHARE, whole-PUD) child vma shares the parent's PMD
 * table through huge_pmd_share, so dst_pte == src_pte and nothing is copied.
 */
import { addRmap, getPage } from '../mm/frames.js';
import { findShareablePmdTable, sharePmdTable, vmaShareable } from '../mm/hugetlbPmd.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, populatePmdTable, setPmd } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';

const K = 'kernel/fork.c:dup_mmap';
const COPY_HUGETLB_SITE = '7';

interface Args {
  readonly vma: number;
  readonly dst_vma: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  dst_vma: a.dst_vma,
  cow: false,
  addr: 0,
  /** the range's index (rangeInit) */
  range: -1,
});
type L = ReturnType<typeof locals>;
type V = View<{ vma: number; dst_vma: number }> | Ctx<{ vma: number; dst_vma: number }>;

const src = (v: V): number => vmaOf(v.s, v.l.vma).mm;
const dst = (v: V): number => vmaOf(v.s, v.l.dst_vma).mm;
const locks = (v: View<L> | Ctx<L>): [string, string] => [LockName.pmd(pmdTableOf(v.s, dst(v), v.l.addr)!), LockName.pmd(pmdTableOf(v.s, src(v), v.l.addr)!)];

export const copyHugetlbPageRange = defineProgram({
  name: 'copy_hugetlb_page_range',
  params: ['vma', 'dst_vma'],
  file: 'mm/hugetlb.c',
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      const v = vmaOf(c.s, c.l.vma);
      c.l.cow = !v.flags.shared;
      c.l.addr = v.start;
      if (!v.flags.shared) {
        c.l.range = rangeInit(c, COPY_HUGETLB_SITE, v.mm, v.start, v.end);
        return c.call(invalidateRangeStart, { r: c.l.range }, 'huge_pte_offset');
      }
      return 'huge_pte_offset';
    }),
    $.local('huge_pte_offset', (c) => {
      const v = vmaOf(c.s, c.l.vma);
      let a = c.l.addr;
      while (a < v.end && (pmdTableOf(c.s, v.mm, a) === null || pmdAt(c.s, v.mm, a) === null)) a += pmdSize(c.g);
      c.l.addr = a;
      if (a >= v.end) return 'mmu_notifier_invalidate_range_end';
      return pmdTableOf(c.s, dst(c), a) === null ? 'huge_pte_alloc' : 'huge_pte_lock';
    }),
    $.step('huge_pte_alloc', {
      at: 'huge_pte_alloc',
      guard: (v) => {
        const dv = vmaOf(v.s, v.l.dst_vma);
        const share = dv.file !== null && vmaShareable(v.s, dv, v.l.addr);
        return canTake(v.s, LockName.pageTable(dst(v))) && (!share || canTake(v.s, LockName.iMmap(dv.file)));
      },
      run: (c) => {
        // if (want_pmd_share() && pud_none(*pud)) pte = huge_pmd_share(mm, addr, pud)  (i_mmap_lock_write: the parent's table, so dst_pte == src_pte)
        // else pte = pmd_alloc(mm, pud, addr)  (spin_lock(&mm->page_table_lock); pud_populate(); spin_unlock)
        const dv = vmaOf(c.s, c.l.dst_vma);
        const a = c.l.addr;
        if (pmdTableOf(c.s, dv.mm, a) !== null) return undefined;
        const t = dv.file !== null && vmaShareable(c.s, dv, a) ? findShareablePmdTable(c.s, dv.id, a) : null;
        if (t !== null) sharePmdTable(c.s, dv.mm, a, t);
        else populatePmdTable(c.s, dv.mm, a);
        return undefined;
      },
    }),
    $.step('huge_pte_lock', {
      guard: (v) => {
        const [d, s] = locks(v);
        return canTake(v.s, d) && (d === s || canTake(v.s, s));
      },
      run: (c) => {
        const [d, s] = locks(c);
        // if (dst_pte == src_pte) continue;
        if (d === s) return 'next';
        c.lock(d);
        c.lock(s);
        const a = c.l.addr;
        const e = pmdAt(c.s, src(c), a);
        if (e !== null && e.kind === 'huge') {
          // if (cow) huge_ptep_set_wrprotect(src, addr, src_pte);
          const ne = c.l.cow ? { ...e, write: false } : e;
          if (c.l.cow) setPmd(c.s, src(c), a, ne);
          // get_page(ptepage); page_dup_rmap(ptepage, true); set_huge_pte_at(dst, addr, dst_pte, entry);
          getPage(c.s, e.frame);
          addRmap(c.s, e.frame);
          setPmd(c.s, dst(c), a, ne);
        } else if (e !== null && e.kind === 'migration') {
          const ne = c.l.cow ? { ...e, write: false } : e;
          if (c.l.cow) setPmd(c.s, src(c), a, ne);
          setPmd(c.s, dst(c), a, ne);
        }
        return undefined;
      },
    }),
    $.unlock('spin_unlock', (v) => locks(v)[1], {
      then: (c) => {
        c.unlock(locks(c)[0]);
        return 'next';
      },
    }),
    $.local('next', (c) => {
      c.l.addr += pmdSize(c.g);
      return 'huge_pte_offset';
    }),
    $.local('mmu_notifier_invalidate_range_end', (c) => (c.l.cow ? c.call(invalidateRangeEnd, { r: c.l.range }, 'return') : DONE)),
    $.local('return', () => DONE),
  ],
});

const semSrc = (v: View<Args>): string => LockName.mmapSem(src(v));
const semDst = (v: View<Args>): string => LockName.mmapSem(dst(v));

export const forkHugetlb = defineProgram({
  name: 'fork_hugetlb',
  params: ['vma', 'dst_vma'],
  file: 'kernel/fork.c',
  locals: (a: Args) => ({ vma: a.vma, dst_vma: a.dst_vma }),
  steps: ($) => [
    $.lock('down_write', semSrc, { at: K }),
    $.lock('down_write_nested', semDst, { at: K }),
    $.local(
      'copy_page_range',
      (c) =>
        // if (is_vm_hugetlb_page(vma)) return copy_hugetlb_page_range(dst_mm, src_mm, vma);
        c.call(copyHugetlbPageRange, { vma: c.l.vma, dst_vma: c.l.dst_vma }, 'up_write_nested'),
      'mm/memory.c:copy_page_range',
    ),
    $.unlock('up_write_nested', semDst, { at: K }),
    $.unlock('up_write', semSrc, { at: K, then: () => DONE }),
  ],
});
