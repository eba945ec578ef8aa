import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SweepRecord, SweepReport } from '../../src/sweep/SweepRecord.js';

const EVIL = `<script>window.__pwned=1</script>"'&`;

const rec = (id: string, site: string, status: SweepRecord['status'], extra: Partial<SweepRecord> = {}): SweepRecord => ({
  id,
  site,
  path: site === '1' ? 'clear_refs' : 'mprotect',
  config: { layout: `vma anon rw [0,2) ${id === 'c3' ? EVIL : ''}`, subscribers: ['aware'], threads: ['clear_refs_write(mm0)', 'aware0: device write 0'] },
  status,
  property: null,
  known: null,
  signature: null,
  distinctStates: 120,
  transitions: 300,
  seconds: 0.5,
  ...extra,
});

const TRACE = [
  {
    thread: 'clear_refs',
    label: 'mmu_notifier_range_init',
    at: 'fs/proc/task_mmu.c:clear_refs_write',
    change: 'clear_refs.range0: - -> #1 mm0 [0,2) MMU_NOTIFY_SOFT_DIRTY NULL init',
  },
  { thread: 'aware0', label: `device write ${EVIL}`, at: 'device', change: '' },
  { thread: 'clear_refs', label: 'clear_refs_pte_range', at: 'fs/proc/task_mmu.c:clear_refs_pte_range', change: 'mm0.pte[0]: pfn0 rw d y sd -> pfn0 ro d y' },
];

/** A small sweep report: ok, known and new findings, an incomplete run, strings that need escaping. */
export const SWEEP: SweepReport = {
  summary: {
    scope: 'small',
    events: 'v5.2',
    shard: null,
    configurations: 5,
    skipped: { 'equal up to renaming': 3 },
    counts: { ok: 2, violation: 2, deadlock: 0, incomplete: 1, 'model-error': 0 },
    newFindings: 1,
    knownFindings: ['F6'],
    missingKnown: [],
    modelHash: 'abc',
    seconds: 3,
  },
  records: [
    rec('c1', '1', 'ok'),
    rec('c2', '1', 'violation', { property: 'mirror-coherence', known: 'F6', signature: '1|mirror-coherence|aware|3', trace: TRACE }),
    rec('c3', '10', 'violation', { property: `event-promise${EVIL}`, signature: '10|event-promise|aware|3', trace: TRACE }),
    rec('c4', '10', 'ok'),
    rec('c5', '10', 'incomplete'),
  ],
};

/** A directory holding SWEEP as mnc sweep writes it (DIR/sweep.json). */
export function sweepDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mnc-nightly-sweep-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sweep.json'), JSON.stringify(SWEEP));
  return dir;
}
