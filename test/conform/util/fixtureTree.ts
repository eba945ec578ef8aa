import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The v5.2 header's two variants of the helper and its enum (include/linux/mmu_notifier.h, trimmed). */
export const HEADER_V52 = `#ifndef _LINUX_MMU_NOTIFIER_H
#define _LINUX_MMU_NOTIFIER_H
enum mmu_notifier_event {
	MMU_NOTIFY_UNMAP = 0,
	MMU_NOTIFY_CLEAR,
	MMU_NOTIFY_PROTECTION_VMA,
	MMU_NOTIFY_PROTECTION_PAGE,
	MMU_NOTIFY_SOFT_DIRTY,
};
struct mmu_notifier_range {
	struct vm_area_struct *vma;
	unsigned long start;
	unsigned long end;
};
#ifdef CONFIG_MMU_NOTIFIER
static inline void mmu_notifier_range_init(struct mmu_notifier_range *range,
					   enum mmu_notifier_event event,
					   unsigned flags,
					   struct vm_area_struct *vma,
					   struct mm_struct *mm,
					   unsigned long start,
					   unsigned long end)
{
	range->vma = vma;
	range->start = start;
	range->end = end;
}
#else
#define mmu_notifier_range_init(range,event,flags,vma,mm,start,end)  \\
	_mmu_notifier_range_init(range, start, end)
#endif
#endif
`;

/** A throw-away kernel tree (Makefile, include/linux, mm) with the given files. */
export function fixtureTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'mnc-conform-'));
  const all: Record<string, string | Uint8Array> = { Makefile: 'VERSION = 5\n', 'include/linux/mmu_notifier.h': HEADER_V52, 'mm/.keep': '', ...files };
  for (const [path, body] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}
