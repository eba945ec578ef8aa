import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMnc } from './util/runMnc.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';

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

describe('a checkpoint resumes only the run that wrote it (review §2: --all-violations was not part of the run id)', () => {
  /** [what, flags of the first run, flags of the resume] */
  const OTHER_RUNS: [string, string[], string[]][] = [
    ['without --all-violations, resumed with it', [], ['--all-violations']],
    ['with --all-violations, resumed without it', ['--all-violations'], []],
    ['with the seed events, resumed with --events v5.2', [], ['--events', 'v5.2']],
    ['without an override, resumed with one', [], ['--override', '24:event=CLEAR']],
    ['without a mutant, resumed with one', [], ['--mutant', 'kvm-end-skips-seq']],
  ];
  for (const [what, before, after] of OTHER_RUNS) {
    it(what, async () => {
      const ck = join(mkdtempSync(join(tmpdir(), 'mnc-cli-ck-')), 'ck.bin');
      await runMnc('explore', SCENARIO, ...before, '--max-states', '50', '--checkpoint', ck);
      const r = await runMnc('explore', SCENARIO, ...after, '--checkpoint', ck, '--resume');
      expect([r.code, r.err]).toEqual([2, `mnc: ${ck}: checkpoint of another model or options\n`]);
      expect((await runMnc('explore', SCENARIO, ...before, '--checkpoint', ck, '--resume')).code).not.toBe(2);
    });
  }

  it('a scenario file edited between the runs (same name, another scenario)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnc-cli-ck-'));
    const [ck, file] = [join(dir, 'ck.bin'), join(dir, 'sc.json')];
    const sc = SITE_SCENARIOS.find((x) => x.scenario.name === SCENARIO)!.scenario;
    writeFileSync(file, JSON.stringify(sc));
    await runMnc('explore', '--scenario', file, '--max-states', '50', '--checkpoint', ck);
    writeFileSync(file, JSON.stringify({ ...sc, mirrors: sc.mirrors!.map((m) => ({ ...m, kind: 'aware' })) }));
    const r = await runMnc('explore', '--scenario', file, '--checkpoint', ck, '--resume');
    expect([r.code, r.err]).toEqual([2, `mnc: ${ck}: checkpoint of another model or options\n`]);
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
