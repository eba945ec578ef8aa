/** VMA lookup (mm/mmap.c). */
import { ModelError } from '../../src/engine/Model.js';
import type { MmState, Vma } from './MmState.js';

export function vmaOf(s: MmState, id: number): Vma {
  const v = s.vmas[id];
  if (!v) throw new ModelError(`no vma ${id}`);
  return v;
}

/** mm/mmap.c:find_vma: the first live VMA of mm with end > addr, or null. */
export function findVma(s: MmState, mm: number, addr: number): number | null {
  for (const id of s.mms[mm]!.vmas) if (s.vmas[id]!.end > addr) return id;
  return null;
}

/** vma->vm_next: the next VMA of the same mm in address order, or null. */
export function nextVma(s: MmState, id: number): number | null {
  const v = vmaOf(s, id);
  const list = s.mms[v.mm]!.vmas;
  const i = list.indexOf(id);
  return i >= 0 && i + 1 < list.length ? list[i + 1]! : null;
}

/** The VMAs on a file's i_mmap interval tree (live, not yet unlink_file_vma'd), in id order. */
export function fileVmas(s: MmState, file: number): number[] {
  return s.vmas.filter((v) => v.live && v.inIMmap && v.file === file).map((v) => v.id);
}

/** vma_is_anonymous */
export const isAnon = (v: Vma): boolean => v.file === null;

/** mm/internal.h:can_madv_dontneed_vma: !(vma->vm_flags & (VM_LOCKED|VM_HUGETLB|VM_PFNMAP)). */
export const canMadvDontneedVma = (v: Vma): boolean => !(v.flags.locked || v.flags.hugetlb || v.flags.pfnmap);
