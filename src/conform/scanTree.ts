import { statSync } from 'node:fs';
import { CODES, type Diagnostic } from './Diagnostic.js';
import { ConformInputError } from './ConformInputError.js';
import { decodeSource } from './decodeSource.js';
import { findRangeInits } from './findRangeInits.js';
import { headerGenerationOf } from './headerGenerationOf.js';
import { listSources } from './listSources.js';
import { prefilterParallel } from './prefilterParallel.js';
import { readEnumerators } from './readEnumerators.js';
import type { SourceScan } from './SourceScan.js';
import { tokenizeC } from './tokenizeC.js';
import type { BareRange, RangeInit } from './RangeInit.js';

export const HEADER = 'include/linux/mmu_notifier.h';
/** Every file that can hold a site mentions the struct's name. */
const NEEDLE = 'mmu_notifier_range';
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const WORTH_PARSING = /mmu_notifier_range_init|mmu_notifier_invalidate_range_start/;

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Refuses a path that is not a kernel source tree (a one-line reason naming it). */
export function assertKernelTree(root: string): void {
  if (!isDir(root)) throw new ConformInputError(`${root}: not a directory`);
  const missing = ['include/linux', 'mm'].filter((d) => !isDir(`${root}/${d}`));
  let hasMakefile = false;
  try {
    hasMakefile = statSync(`${root}/Makefile`).isFile();
  } catch {
    /* reported below */
  }
  if (missing.length > 0 || !hasMakefile) {
    const what = [...(hasMakefile ? [] : ['Makefile']), ...missing.map((d) => `${d}/`)].join(', ');
    throw new ConformInputError(`${root}: not a kernel source tree (no ${what})`);
  }
}

/** Reads text already prefiltered and finds its occurrences. */
export function scanText(file: string, text: string, headerHint: SourceScan['headerGeneration']): { inits: RangeInit[]; bare: BareRange[] } {
  return findRangeInits(tokenizeC(text), { file, headerHint });
}

/**
 * Scans every C file and header of a kernel tree: lists them, keeps those
 * whose bytes mention `mmu_notifier_range`, and tokenizes only those. The
 * header goes first so its generation reads the calls. `overrides` replace
 * files' texts (a patch applied in memory); `threads` bounds the prefilter's
 * worker threads (default one per core).
 */
export async function scanTree(dir: string, overrides: ReadonlyMap<string, string> = new Map(), threads?: number): Promise<SourceScan> {
  assertKernelTree(dir);
  const root = dir.replace(/\/+$/, '') || '/';
  const listed = listSources(root);
  const files = [...new Set([...listed.files, ...[...overrides.keys()].filter((f) => /\.[ch]$/.test(f))])];
  const pre = await prefilterParallel(
    files.filter((f) => !overrides.has(f)).map((f) => `${root}/${f}`),
    NEEDLE,
    MAX_FILE_BYTES,
    threads,
  );
  const rel = (p: string): string => p.slice(root.length + 1);
  // A file or directory that cannot be read may hold a site: the gate fails closed (an error), not open.
  // Binary, too large or not a regular file: no C source the compiler reads, a note.
  const notes: Diagnostic[] = [...listed.unreadable.map((u) => ({ ...u, path: `${root}/${u.path}` })), ...pre.skipped].map((s) =>
    /^cannot /.test(s.reason)
      ? { file: rel(s.path), severity: 'error', code: CODES.skippedFile, message: `not checked: ${s.reason}; the gate cannot pass what it could not read` }
      : { file: rel(s.path), severity: 'note', code: CODES.skippedFile, message: `skipped: ${s.reason}` },
  );
  const texts: { file: string; text: string }[] = [];
  for (const hit of pre.hits) {
    const file = rel(hit.path);
    const d = decodeSource(hit.bytes);
    if (!d.ok) {
      notes.push({ file, severity: 'note', code: CODES.skippedFile, message: `skipped: ${d.reason}` });
      continue;
    }
    if (d.note) notes.push({ file, severity: 'note', code: CODES.lenientInput, message: d.note });
    // only files that call the helper or start an invalidation can hold a site or a bare range
    if (file === HEADER || WORTH_PARSING.test(d.text)) texts.push({ file, text: d.text });
  }
  for (const [file, text] of overrides) if (/\.[ch]$/.test(file) && text.includes(NEEDLE)) texts.push({ file, text });
  texts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const header = texts.find((t) => t.file === HEADER);
  const headerFound = header ? scanText(header.file, header.text, undefined) : undefined;
  const headerGeneration = headerFound ? headerGenerationOf(headerFound.inits) : undefined;
  const inits: RangeInit[] = [];
  const bare: BareRange[] = [];
  for (const t of texts) {
    const found = t === header && headerFound ? headerFound : scanText(t.file, t.text, headerGeneration);
    inits.push(...found.inits);
    bare.push(...found.bare);
  }
  return {
    inits,
    bare,
    notes,
    headerGeneration,
    enumerators: header ? readEnumerators(header.text) : undefined,
    filesScanned: files.length,
    bytesScanned: pre.bytesRead,
  };
}
