import { readdirSync } from 'node:fs';

/**
 * Every `.c` and `.h` file under `root` (relative, `/`-separated, in
 * directory order), skipping dot-directories; directories that cannot be
 * read are listed in `unreadable` (never thrown).
 */
export function listSources(root: string): { files: string[]; unreadable: { path: string; reason: string }[] } {
  const files: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  const walk = (rel: string): void => {
    const dir = rel === '' ? root : `${root}/${rel}`;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ path: rel === '' ? '.' : rel, reason: `cannot list (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const e of entries) {
      const name = e.name;
      const path = rel === '' ? name : `${rel}/${name}`;
      if (e.isDirectory()) {
        if (!name.startsWith('.')) walk(path);
      } else if ((e.isFile() || e.isSymbolicLink()) && (name.endsWith('.c') || name.endsWith('.h'))) {
        files.push(path);
      }
    }
  };
  walk('');
  return { files, unreadable };
}
