import { readFileSync } from 'node:fs';
import type { KnownSite } from '../conform/KnownSite.js';
import { UsageError } from './UsageError.js';

/** Reads `--catalog FILE`: a JSON array of `{id, file, function, event, vma[, vmaInScope]}` (e.g. `mnc sites --json`). */
export function readCatalogFile(path: string): KnownSite[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path}: not a JSON catalog (${e instanceof SyntaxError ? 'bad JSON' : ((e as NodeJS.ErrnoException).code ?? 'unreadable')})`);
  }
  if (!Array.isArray(data)) throw new UsageError(`${path}: a catalog is a JSON array of sites`);
  return data.map((x: unknown, k): KnownSite => {
    const o = x as Record<string, unknown>;
    const str = (f: string): string => {
      if (typeof o?.[f] !== 'string' && typeof o?.[f] !== 'number') throw new UsageError(`${path}: site ${k} has no ${f}`);
      return String(o[f]);
    };
    const scope = o['vmaInScope'] ?? o['vmasInScope'];
    return {
      id: str('id'),
      file: str('file'),
      function: str('function'),
      event: str('event'),
      vma: str('vma'),
      ...(Array.isArray(scope) ? { vmaInScope: scope.map(String) } : {}),
    };
  });
}
