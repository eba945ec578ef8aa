/**
 * The programs of the rmap sites (rmap and page_vma_mapped_walk users: reclaim, writeback, migration,
 * KSM, uprobes; and clear_refs: #1 #2 #12 #13 #22 #23 #27 #28; see notes/rmap.md) and the paths that reach them.
 */
import type { Program } from '../mm/step/Program.js';
import { clearRefsWrite } from './clearRefsWrite.js';
import { ksmCmpAndMergePage } from './ksmCmpAndMergePage.js';
import { ksmReplacePage } from './ksmReplacePage.js';
import { ksmWriteProtectPage } from './ksmWriteProtectPage.js';
import { migrateHugePage } from './migrateHugePage.js';
import { migrateVma } from './migrateVma.js';
import { migrateVmaCollect } from './migrateVmaCollect.js';
import { migrateVmaPages } from './migrateVmaPages.js';
import { pageMkcleanOne } from './pageMkcleanOne.js';
import { removeMigrationPte } from './removeMigrationPte.js';
import { replacePageUprobes } from './replacePageUprobes.js';
import { rmapWalkAnon } from './rmapWalkAnon.js';
import { rmapWalkFile } from './rmapWalkFile.js';
import { shrinkPageList } from './shrinkPageList.js';
import { tryToUnmapOne } from './tryToUnmapOne.js';
import { uprobeWriteOpcode } from './uprobeWriteOpcode.js';
import { writeCachePages } from './writeCachePages.js';

export const RMAP_PROGRAMS: readonly Program[] = [
  rmapWalkFile,
  rmapWalkAnon,
  tryToUnmapOne,
  shrinkPageList,
  pageMkcleanOne,
  writeCachePages,
  replacePageUprobes,
  uprobeWriteOpcode,
  ksmWriteProtectPage,
  ksmReplacePage,
  ksmCmpAndMergePage,
  clearRefsWrite,
  migrateVmaCollect,
  migrateVmaPages,
  migrateVma,
  removeMigrationPte,
  migrateHugePage,
];
