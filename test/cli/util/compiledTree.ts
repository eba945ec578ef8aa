import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { transpileCached } from '../../../src/parallel/tsSourceHooks.mjs';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/**
 * A dist/-like tree of plain JavaScript in a temporary folder: every source
 * of src/, model/ and properties/ transpiled (as tsc emits it, without the
 * type check), no .ts and no loader hooks in it, node_modules linked. What
 * `npm run build` gives, in seconds rather than a full tsc run. With
 * `under` (`dist`), the tree goes in that folder, as the package ships it.
 */
export async function compiledTree(under = ''): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'mnc-compiled-'));
  for (const top of ['src', 'model', 'properties']) {
    for (const f of tsFiles(join(ROOT, top))) {
      const target = join(out, under, relative(ROOT, f)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await transpileCached(f));
    }
  }
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  return out;
}
