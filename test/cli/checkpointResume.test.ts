import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
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
    const at = bytes.length - 100; // inside the body, so the checksum no longer matches
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at); // readUInt8 throws on a short file instead of flipping nothing
    writeFileSync(ck, bytes);
    const r = await runMnc('explore', SCENARIO, '--checkpoint', ck, '--resume');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mnc: ${ck}: damaged checkpoint (checksum mismatch): start again without --resume\n`);
    expect(r.out).toBe('');
  });
});

/** The file with its header's arrays edited by `edit` and the checksum recomputed: a crafted checkpoint, not a damaged one. */
function recrafted(file: string, edit: (arrays: Uint32Array[], header: { lengths: number[]; actionWidth: number }) => void): void {
  const buf = readFileSync(file);
  const nl = buf.indexOf(10);
  const header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as { lengths: number[]; actionWidth: number };
  let off = nl + 1;
  const parts = header.lengths.map((len) => {
    const part = Buffer.from(buf.subarray(off, off + len));
    off += len;
    return part;
  });
  const u32 = (b: Buffer) => new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const actions = header.actionWidth === 1 ? new Uint32Array(0) : u32(parts[2]!);
  edit([u32(parts[0]!), u32(parts[1]!), actions, u32(parts[3]!), u32(parts[4]!)], header);
  if (header.actionWidth === 1) for (let i = 0; i < parts[2]!.length; i++) if (u32(parts[1]!)[i] !== 0xffffffff) parts[2]![i] = 250;
  const body = Buffer.concat([buf.subarray(0, nl + 1), ...parts]);
  writeFileSync(file, Buffer.concat([body, Buffer.from(createHash('sha256').update(body).digest('hex'), 'latin1')]));
}

describe('a crafted checkpoint (valid checksum) is one line, exit 2, never exit 70 (review D6, D12)', () => {
  it('a frontier naming a state that is not stored', async () => {
    const ck = join(mkdtempSync(join(tmpdir(), 'mnc-cli-ck-')), 'ck.bin');
    await runMnc('explore', SCENARIO, '--max-states', '50', '--checkpoint', ck);
    recrafted(ck, (a) => a[3]!.fill(1e6));
    const r = await runMnc('explore', SCENARIO, '--checkpoint', ck, '--resume');
    expect([r.code, r.err]).toEqual([2, `mnc: ${ck}: not a valid mnc checkpoint (trace store)\n`]);
  });

  it('traces whose steps do not replay on this model', async () => {
    const ck = join(mkdtempSync(join(tmpdir(), 'mnc-cli-ck-')), 'ck.bin');
    await runMnc('explore', SCENARIO, '--max-states', '50', '--checkpoint', ck);
    recrafted(ck, () => undefined); // every non-root step: action 250
    const r = await runMnc('explore', SCENARIO, '--checkpoint', ck, '--resume');
    expect(r.err).toBe(`mnc: ${ck}: the checkpoint does not replay on this model (written by another version of mnc?): start again without --resume\n`);
    expect(r.code).toBe(2);
  });
});
