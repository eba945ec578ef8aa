import { CODES, type Diagnostic } from './Diagnostic.js';
import { ConformInputError } from './ConformInputError.js';
import { decodeSource } from './decodeSource.js';
import { parsePatch } from './parsePatch.js';
import type { Patch } from './Patch.js';

export const MAX_PATCH_BYTES = 32 * 1024 * 1024;
/**
 * Most mentions of mmu_notifier_range_init a patch may have. Memory grows
 * with them: 2 525 copies of the seed's diff (33 MB, under MAX_PATCH_BYTES)
 * needed over 4 GB and died in V8; 147 copies (8 828 mentions, 1.9 MB) need
 * 150 MB. The seed has 68 mentions.
 */
export const MAX_PATCH_SITES = 10_000;
const NEEDLE = /mmu_notifier_range_init/g;

/** Reads a patch's bytes: refuses empty, oversized and binary input; decodes non-UTF-8 leniently with a note. */
export function readPatch(bytes: Uint8Array, name: string): { patch: Patch; notes: Diagnostic[] } {
  if (bytes.length === 0) throw new ConformInputError(`${name}: empty patch`);
  if (bytes.length > MAX_PATCH_BYTES) throw new ConformInputError(`${name}: too large for a patch (${bytes.length} bytes, limit ${MAX_PATCH_BYTES})`);
  const d = decodeSource(bytes);
  if (!d.ok) throw new ConformInputError(`${name}: ${d.reason}`);
  const mentions = d.text.match(NEEDLE)?.length ?? 0;
  if (mentions > MAX_PATCH_SITES)
    throw new ConformInputError(`${name}: too many mmu_notifier_range_init calls for one patch (${mentions}, limit ${MAX_PATCH_SITES})`);
  const patch = parsePatch(d.text, name);
  const notes: Diagnostic[] = [];
  if (d.note) notes.push({ file: name, severity: 'note', code: CODES.lenientInput, message: d.note });
  for (const r of patch.repairs) notes.push({ severity: 'note', code: CODES.lenientInput, message: r });
  return { patch, notes };
}
