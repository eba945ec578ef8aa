/**
 * The kinds of vma a drawn scenario may hold, simplest first: anonymous
 * (rw, r, PROT_NONE), private file (rw, r: a text mapping), shared file
 * (rw, r) and hugetlbfs (shared, PMD aligned, mapped by huge PMDs only).
 * File vmas map file 0 at pgoff = start (hugetlb ones file 1), so the same
 * address is the same page cache page in every mm.
 */
export interface VmaKind {
  readonly name: string;
  readonly prot: '' | 'r' | 'rw';
  readonly file: boolean;
  readonly shared: boolean;
  readonly hugetlb: boolean;
}

const k = (name: string, prot: VmaKind['prot'], file: boolean, shared: boolean, hugetlb = false): VmaKind => ({ name, prot, file, shared, hugetlb });

export const VMA_KINDS: readonly VmaKind[] = [
  k('anon-rw', 'rw', false, false),
  k('anon-r', 'r', false, false),
  k('file-private-rw', 'rw', true, false),
  k('file-shared-rw', 'rw', true, true),
  k('file-private-r', 'r', true, false),
  k('file-shared-r', 'r', true, true),
  k('anon-none', '', false, false),
  k('hugetlb-shared-rw', 'rw', true, true, true),
];

/** Index of the shared rw file kind and of the hugetlb kind (what file and hugetlb operations force on the first vma). */
export const SHARED_FILE_KIND = 3;
export const HUGETLB_KIND = 7;
