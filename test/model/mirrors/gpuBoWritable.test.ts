/**
 * An amdgpu userptr BO's flags are fixed at its creation: without
 * AMDGPU_GEM_USERPTR_READONLY, amdgpu_ttm_tt_get_user_pages pins its pages
 * with FOLL_WRITE and the GPU maps them writable, for a job that only reads
 * too (model/mirrors/gpu.ts boWritable). Before, each job's own direction
 * chose both: after MADV_DONTNEED a reading job's gup pinned the zero page,
 * and a writing job of the same BO then wrote through it, a model error
 * (first seen in the large scope, shard 2024 of 4000, at #17).
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import type { MmState } from '../../../model/mm/MmState.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { mmProperties } from '../../../properties/mmProperties.js';
import { bfs } from '../../../src/engine/bfs.js';
import { reachedStates } from '../../util/reachedStates.js';

// #17's large-scope configuration s17-madvise_dontneed-file-shared-r+anon-rw@0-1dd88a6584ef, as the sweep generates it
const scenario: Scenario = {
  name: 'madv-dontneed-vs-gpu-read-and-write',
  description: 'MADV_DONTNEED of an anonymous page vs a reading and a writing amdgpu submission of the BO that maps it (and a KVM guest)',
  expect: 'violation',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  files: [4],
  mms: [
    {
      vmas: [
        { start: 0, end: 1, prot: 'r', shared: true, file: 0, pgoff: 0 },
        { start: 1, end: 2, prot: 'rw' },
      ],
      mappings: [{ addr: 0 }, { addr: 1, write: true }],
      notifiers: ['gpu0', 'kvm1'],
    },
  ],
  mirrors: [
    { name: 'gpu0', kind: 'gpu', mm: 0, entries: [0, 1] },
    { name: 'kvm1', kind: 'kvm', mm: 0, entries: [0, 1] },
  ],
  threads: [
    { name: 'madvise_dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 1, end: 2 } },
    { name: 'dev0', op: 'device_access', args: { m: 0, addr: 1, write: false } },
    { name: 'dev0_1', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};

const zeroFrame = (s: MmState): number => s.frames.findIndex((f) => f.kind === 'zero');

describe('an amdgpu userptr BO a job writes through is writable for every job', () => {
  it('every property explored to the end: violations (D3), no model error', () => {
    const r = bfs(buildMmModel(scenario), mmProperties(scenario), { allViolations: true });
    expect(r.status).toBe('violation');
    expect(r.violations.map((v) => v.property)).toContain('mirror-coherence');
  });

  it('the reading job pins no zero page: its gup writes (FOLL_WRITE), and the GPU maps the page writable', () => {
    const states = reachedStates(buildMmModel(scenario));
    const gpuEntries = (s: MmState) => (s.mirrors[0] as unknown as { entries: readonly ({ frame: number; write: boolean } | null)[] }).entries;
    expect(states.some((s) => gpuEntries(s)[1] !== null && gpuEntries(s)[1]!.frame !== 1)).toBe(true); // a new page after the zap
    for (const s of states) {
      const e = gpuEntries(s)[1];
      if (e === null || e === undefined) continue;
      expect(e.frame).not.toBe(zeroFrame(s));
      if (e.frame !== 1) expect(e.write).toBe(true);
    }
  });
});
