/**
 * exit-vs-hmm50-read with HMM v5.2: hmm_release marks the hmm dead and
 * every range invalid, so a fault that registers after it gets -EFAULT;
 * but a fault already inside hmm_range_fault's walk (handle_mm_fault on a
 * hole) holds no mm_users reference and goes on beside exit_mmap's
 * teardown. Fixed in v5.3 by "mm/hmm: Hold on to the mmget for the
 * lifetime of the range". Expected: violation of walk-holds-mm-users
 * (finding D6).
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as hmm50 } from './exitVsHmm50Read.js';

export const scenario: Scenario = {
  ...hmm50,
  name: 'exit-vs-hmm52-read',
  description: 'exit_mmap (release, then the teardown) vs an HMM v5.2 device read of an unmapped page: a walk under way goes on in the dying mm',
  mirrors: [{ name: 'hmm520', kind: 'hmm52', mm: 0, entries: [0] }],
};
