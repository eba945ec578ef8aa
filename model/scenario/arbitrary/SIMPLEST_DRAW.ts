import type { MmDraw } from './MmDraw.js';

/** The draw every field of which is its simplest choice: one page, one anonymous rw vma, madvise_dontneed alone. */
export const SIMPLEST_DRAW: MmDraw = {
  ptesLog: 0,
  pmdsLog: 0,
  mms: [[{ start: 0, len: 0, kind: 0, mapped: 0, write: 0, huge: false }]],
  mirrors: [],
  order: 0,
  op: { op: 0, a: 0, b: 0, c: 0 },
  access: [],
  spare: 0,
};
