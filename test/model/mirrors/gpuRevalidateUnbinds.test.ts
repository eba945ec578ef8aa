/**
 * Two amdgpu command submissions of one userptr BO after an invalidation
 * (model/mirrors/gpu.ts): the second's amdgpu_cs_list_validate moves the BO
 * to the CPU domain before it sets the new pages, and
 * drivers/gpu/drm/ttm/ttm_bo_util.c:ttm_bo_move_ttm waits for the BO's jobs
 * and unbinds it from the GART there. So the first job's device entry goes
 * before set_user_pages puts the page it mapped. Before gpu.ts dropped the
 * entries at that step, the entry kept the freed page (no-stale-frame, first
 * seen in the medium scope at #18 under --all-violations). D3, the
 * submission of a page the invalidation replaced, stays.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { mmProperties } from '../../../properties/mmProperties.js';
import { bfs } from '../../../src/engine/bfs.js';

// #18's medium-scope configuration s18-truncate-file-private-rw+file-private-r@0-cfe22b72935a, as the sweep generates it
const scenario: Scenario = {
  name: 'truncate-vs-two-gpu-submissions',
  description: 'truncate of two private file pages, the first written (its COW copy stays), vs two amdgpu submissions of the BO that maps both',
  expect: 'violation',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  files: [4],
  mms: [
    {
      vmas: [
        { start: 0, end: 1, prot: 'rw', file: 0, pgoff: 0 },
        { start: 1, end: 2, prot: 'r', file: 0, pgoff: 1 },
      ],
      mappings: [{ addr: 0, write: true }, { addr: 1 }],
    },
  ],
  mirrors: [{ name: 'gpu0', kind: 'gpu', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'truncate', op: 'unmap_mapping_pages', args: { file: 0, first: 0, nr: 2 } },
    { name: 'read', op: 'device_access', args: { m: 0, addr: 0, write: false } },
    { name: 'write', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};

describe('amdgpu: a submission that sets new user pages unbinds the BO first', () => {
  it('no device entry keeps a page set_user_pages put; D3 stays', () => {
    const r = bfs(buildMmModel(scenario), mmProperties(scenario), { allViolations: true });
    const props = r.violations.map((v) => v.property);
    expect(props).toContain('mirror-coherence');
    expect(props).not.toContain('no-stale-frame');
  });
});
