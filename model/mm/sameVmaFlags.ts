/**
 * Whether two vmas' flags are equal: every field of VmaFlags. tsc rejects
 * FLAG_FIELDS when a field is added there and not listed, so nothing is left
 * out of the comparison (vma_merge's is_mergeable_vma, the vma-under-mmap-sem
 * property).
 */
import type { VmaFlags } from './MmState.js';

const FLAG_FIELDS: { readonly [K in keyof VmaFlags]-?: true } = {
  read: true,
  write: true,
  shared: true,
  mayshare: true,
  hugetlb: true,
  locked: true,
  pfnmap: true,
  hugepage: true,
};
const FLAG_KEYS = Object.keys(FLAG_FIELDS) as readonly (keyof VmaFlags)[];

export const sameVmaFlags = (a: VmaFlags, b: VmaFlags): boolean => a === b || FLAG_KEYS.every((k) => a[k] === b[k]);
