import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAtomic } from '../../src/util/writeAtomic.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mnc-wa-'));

describe('writeAtomic', () => {
  it('writes text, bytes and parts, and leaves no temp file', () => {
    const d = dir();
    writeAtomic(join(d, 'a.txt'), 'héllo\n');
    writeAtomic(join(d, 'b.bin'), new Uint8Array([1, 2, 3]));
    writeAtomic(join(d, 'c.bin'), [new Uint8Array([1]), Buffer.from('xy'), new Uint8Array(new Uint32Array([7]).buffer)]);
    expect(readFileSync(join(d, 'a.txt'), 'utf8')).toBe('héllo\n');
    expect([...readFileSync(join(d, 'b.bin'))]).toEqual([1, 2, 3]);
    expect([...readFileSync(join(d, 'c.bin'))]).toEqual([1, 120, 121, 7, 0, 0, 0]);
    expect(readdirSync(d).sort()).toEqual(['a.txt', 'b.bin', 'c.bin']);
  });

  it('replaces an existing file whole', () => {
    const d = dir();
    writeAtomic(join(d, 'x'), 'a much longer first content');
    writeAtomic(join(d, 'x'), 'short');
    expect(readFileSync(join(d, 'x'), 'utf8')).toBe('short');
  });

  it("a missing directory: the error names the user's path, not a temp file (review D3)", () => {
    const target = join(dir(), 'nodir', 'x.json');
    expect(() => writeAtomic(target, '{}')).toThrow(`${target}: cannot write (ENOENT)`);
    try {
      writeAtomic(target, '{}');
    } catch (e) {
      expect(e).toMatchObject({ code: 'ENOENT', path: target, syscall: 'write' });
    }
  });

  it('a failed rename (the target is a directory) removes the temp file', () => {
    const d = dir();
    writeAtomic(join(d, 'f'), 'x');
    const target = join(d, 'sub');
    mkdirSync(target);
    expect(() => writeAtomic(target, 'x')).toThrow(/sub: cannot write \(E[A-Z]+\)/);
    expect(readdirSync(d).sort()).toEqual(['f', 'sub']);
  });

  it('temp files left by a killed mnc (kill -9 during a write) are removed by the next write of the same path (review D11)', () => {
    const d = dir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid; // a process id that has exited
    writeFileSync(join(d, `.ck.json.mnc-${dead}.0a1b2c3d.tmp`), 'half a checkpoint');
    writeFileSync(join(d, `.other.json.mnc-${dead}.0a1b2c3d.tmp`), 'another file of ours');
    writeFileSync(join(d, `.ck.json.mnc-${process.pid}.ffffffff.tmp`), 'a live writer (this process)');
    writeAtomic(join(d, 'ck.json'), 'whole');
    expect(readdirSync(d).sort()).toEqual([`.ck.json.mnc-${process.pid}.ffffffff.tmp`, `.other.json.mnc-${dead}.0a1b2c3d.tmp`, 'ck.json']);
  });
});
