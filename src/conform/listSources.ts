import { readdirSync } from 'node:fs';

/** Every `.c` and `.h` file under `root` (relative, `/`-separated, in directory order), skipping dot-directories. */
export function listSources(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const dir = rel === '' ? root : `${root}/${rel}`;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const name = e.name;
      const path = rel === '' ? name : `${rel}/${name}`;
      if (e.isDirectory()) {
        if (!name.startsWith('.')) walk(path);
      } else if ((e.isFile() || e.isSymbolicLink()) && (name.endsWith('.c') || name.endsWith('.h'))) {
        out.push(path);
      }
    }
  };
  walk('');
  return out;
}
