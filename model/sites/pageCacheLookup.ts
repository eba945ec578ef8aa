/**
 * The first step of the operations that start from a page-cache page
 * (reclaim's LRU isolation, writeback's pagevec lookup): find the frame at
 * `file`/`index` and take a reference on it (get_page_unless_zero /
 * find_get_entry); no page there: the operation has nothing to do.
 * Locals used: file, index, page (PageCacheLocals).
 */
import { getPage } from '../mm/frames.js';
import type { Step } from '../mm/step/Program.js';
import { DONE, type Ctx } from '../mm/step/defineProgram.js';

/** The locals the lookup reads (`file`, `index`) and sets (`page`). */
export interface PageCacheLocals {
  file: number;
  index: number;
  page: number;
}

/** The lookup, as the body of a typed program's step: `$.step(label, { at, run: pageCacheLookup })`. */
export function pageCacheLookup(c: Ctx<PageCacheLocals>): typeof DONE | undefined {
  const f = c.s.files[c.l.file]!.pages[c.l.index] ?? null;
  if (f === null) return DONE;
  getPage(c.s, f);
  c.l.page = f;
  return undefined;
}

/**
 * The lookup as a step of an untyped program (shrink_page_list,
 * migrate_huge_page until they are typed; then this goes): its locals must
 * include PageCacheLocals, which only the program's declaration can say.
 */
export function pageCacheLookupStep(label: string, at: string): Step {
  return { label, at, run: (c) => pageCacheLookup(c as unknown as Ctx<PageCacheLocals>) };
}
