import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefilterFiles } from '../../src/conform/prefilterFiles.js';
import { prefilterParallel } from '../../src/conform/prefilterParallel.js';

describe('prefilterParallel', () => {
  it('on worker threads finds the same files, in the same order, as one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnc-prefilter-'));
    const paths: string[] = [];
    for (let i = 0; i < 8200; i++) {
      const p = join(dir, `f${i}.c`);
      writeFileSync(p, i % 997 === 0 ? `int x; /* struct mmu_notifier_range r${i}; */\n` : `int y${i};\n`);
      paths.push(p);
    }
    paths.push(join(dir, 'missing.c'));
    const one = prefilterFiles(paths, 'mmu_notifier_range', 1 << 20);
    const two = await prefilterParallel(paths, 'mmu_notifier_range', 1 << 20, 2);
    expect(one.hits.map((h) => h.path)).toHaveLength(9);
    expect(two.hits.map((h) => h.path)).toEqual(one.hits.map((h) => h.path));
    expect(two.hits.map((h) => Buffer.from(h.bytes).toString())).toEqual(one.hits.map((h) => Buffer.from(h.bytes).toString()));
    expect(two.skipped).toEqual([{ path: join(dir, 'missing.c'), reason: 'cannot open (ENOENT)' }]);
    expect(two.bytesRead).toBe(one.bytesRead);
  });
});
