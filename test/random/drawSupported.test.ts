import { describe, expect, it } from 'vitest';
import { scenarioOfDraw } from '../../model/scenario/arbitrary/scenarioOfDraw.js';
import { SIMPLEST_DRAW } from '../../model/scenario/arbitrary/SIMPLEST_DRAW.js';
import { SHARED_FILE_KIND } from '../../model/scenario/arbitrary/vmaKinds.js';
import { SITE_OPS } from '../../model/scenario/arbitrary/siteOps.js';
import type { MmDraw } from '../../model/scenario/arbitrary/MmDraw.js';
import { buildMmModel } from '../../model/MmModel.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { bfs } from '../../src/engine/bfs.js';

const bounds = { mms: 1, vmas: 1, mirrors: 0, access: 1, pages: 4 };

/** One shared file vma over whole PMD blocks, asked to map them with huge PMDs (DAX PMDs), a CPU write, and `op` on it. */
function hugeSharedFileDraw(op: string): MmDraw {
  return {
    ...SIMPLEST_DRAW,
    ptesLog: 1,
    pmdsLog: 1,
    mms: [[{ start: 0, len: 3, kind: SHARED_FILE_KIND, mapped: 0b1111, write: 0, huge: true }]],
    op: { op: SITE_OPS.findIndex((o) => o.op === op), a: 0, b: 0, c: 0 },
    access: [{ cpu: true, target: 0, addr: 0, write: true }],
    spare: 1,
  };
}

describe('the drawer offers an operation only what the model supports', () => {
  it('write_cache_pages never gets a huge (DAX) PMD: page_mkclean_one of a PMD-mapped page is not modelled (it was offered one, a model error)', () => {
    const scenario = scenarioOfDraw(hugeSharedFileDraw('write_cache_pages'), bounds);
    expect(scenario.threads[0]!.op).toBe('write_cache_pages');
    const r = bfs(buildMmModel(scenario), mmProperties(scenario), { maxStates: 200_000 });
    expect(r.status === 'model-error' ? r.message : r.status).toBe('ok');
    expect(scenario.mms[0]!.mappings!.some((m) => m.huge)).toBe(false);
  });

  it('the same draw with an operation that handles DAX PMDs keeps its huge PMD', () => {
    const scenario = scenarioOfDraw(hugeSharedFileDraw('munmap'), bounds);
    expect(scenario.mms[0]!.mappings!.some((m) => m.huge)).toBe(true);
  });
});
