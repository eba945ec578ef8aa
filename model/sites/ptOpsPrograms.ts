/**
 * The programs of the page-table operation sites (memory.c, madvise, mprotect, mremap, oom reaper:
 * #14 #15 #16 #19 #20 #21 #24 #25 #26; see notes/ptOps.md) and the paths that reach them.
 */
import type { Program } from '../mm/step/Program.js';
import { changePmdRange } from './changePmdRange.js';
import { copyPageRange } from './copyPageRange.js';
import { daxEntryMkclean } from './daxEntryMkclean.js';
import { doMunmap, munmap } from './doMunmap.js';
import { dupMmap } from './dupMmap.js';
import { exitMmap } from './exitMmap.js';
import { followPtePmd } from './followPtePmd.js';
import { madviseFree, madviseFreeSingleVma } from './madviseFreeSingleVma.js';
import { movePageTables } from './movePageTables.js';
import { mmputExits } from './mmputExits.js';
import { mprotect } from './mprotect.js';
import { mremap } from './mremap.js';
import { oomReapTask, oomReapTaskMmInner } from './oomReapTaskMm.js';
import { unmapVmas } from './unmapVmas.js';
import { vmaAdjust } from './vmaAdjust.js';
import { wpPageCopy } from './wpPageCopy.js';

export const PT_OPS_PROGRAMS: readonly Program[] = [
  ...[madviseFreeSingleVma, madviseFree], // #14
  ...[copyPageRange, dupMmap], // #15
  ...[unmapVmas, doMunmap, munmap], // #16
  wpPageCopy, // #19
  ...[followPtePmd, daxEntryMkclean], // #20 #21
  ...[changePmdRange, mprotect], // #24
  ...[movePageTables, mremap, vmaAdjust], // #25 (copy_vma's vma_merge)
  ...[oomReapTaskMmInner, oomReapTask, exitMmap, mmputExits], // #26 (and __mmput's exits before exit_mmap)
];
