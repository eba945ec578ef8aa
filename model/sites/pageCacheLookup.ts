/**
 * The first step of the operations that start from a page-cache page
 * (reclaim's LRU isolation, writeback's pagevec lookup): find the frame at
 * `file`/`index` and take a reference on it (get_page_unless_zero /
 * find_get_entry); no page there: the operation has nothing to do.
 * Locals used: file, index, page.
 */
import { getPage } from '../mm/frames.js';
import type { Step } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';

export function pageCacheLookupStep(label: string, at: string): Step {
  return {
    label,
    at,
    run: (c) => {
      const f = c.s.files[c.n('file')]!.pages[c.n('index')] ?? null;
      if (f === null) return DONE;
      getPage(c.s, f);
      c.l['page'] = f;
      return undefined;
    },
  };
}
