import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMnc } from './util/runMnc.js';

const SCENARIO = 'mprotect-at-zero-vs-kvm-read'; // expects thread-ends-closed (a known finding), found in the first 100 states

describe('explore --all-violations --checkpoint, then --resume (review D2, D12)', () => {
  it('the resumed run still reports the violation found before the checkpoint, exit 1', async () => {
    const ck = join(mkdtempSync(join(tmpdir(), 'mnc-cli-ck-')), 'ck.bin');
    const first = await runMnc('explore', SCENARIO, '--all-violations', '--max-states', '102', '--checkpoint', ck, '--json');
    const a = JSON.parse(first.out) as { status: string; violations: { property: string }[] };
    expect(a.status).toBe('incomplete');
    expect(a.violations.map((v) => v.property)).toContain('thread-ends-closed');
    const resumed = await runMnc('explore', SCENARIO, '--all-violations', '--checkpoint', ck, '--resume', '--json');
    const b = JSON.parse(resumed.out) as { status: string; violations: { property: string; trace: unknown[] }[] };
    expect(b.status).toBe('violation'); // was "ok", exit 0
    expect(resumed.code).toBe(1);
    const straight = JSON.parse((await runMnc('explore', SCENARIO, '--all-violations', '--json')).out) as typeof b;
    expect(b.violations).toEqual(straight.violations);
  });

  it('a damaged checkpoint: one line naming it, exit 2', async () => {
    const ck = join(mkdtempSync(join(tmpdir(), 'mnc-cli-ck-')), 'ck.bin');
    await runMnc('explore', SCENARIO, '--max-states', '50', '--checkpoint', ck);
    const bytes = readFileSync(ck);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(ck, bytes);
    const r = await runMnc('explore', SCENARIO, '--checkpoint', ck, '--resume');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mnc: ${ck}: damaged checkpoint (checksum mismatch): start again without --resume\n`);
    expect(r.out).toBe('');
  });
});
