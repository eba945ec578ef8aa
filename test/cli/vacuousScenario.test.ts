/** Review D13: a scenario in which no range ever starts fails as vacuous; `reach: []` checks the contract alone. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-vacuous-'));
const example = JSON.parse(readFileSync('model/scenario/examples/madvise-dontneed-vs-kvm-fault.json', 'utf8')) as { threads: { op: string }[] };
const deviceOnly = { ...example, threads: example.threads.filter((t) => t.op === 'device_access') };
const file = (name: string, sc: unknown) => (writeFileSync(join(dir, name), JSON.stringify(sc)), join(dir, name));

describe('a scenario whose threads start no range', () => {
  it('only the device access: the run fails reach-range-started (unreachable), exit 1', async () => {
    const r = await runMnc('explore', '--scenario', file('device-only.json', deviceOnly));
    expect(r.code, r.err).toBe(1);
    expect(plain(r.out)).toMatch(/violation of reach-range-started \(unreachable\): never reached: some notifier range is started/);
  });
  it('the same with reach: [] checks the contract alone and passes', async () => {
    const r = await runMnc('explore', '--scenario', file('device-only-contract.json', { ...deviceOnly, reach: [] }));
    expect(r.code, r.out + r.err).toBe(0);
  });
});
