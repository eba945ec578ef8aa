import { CODES, type Diagnostic } from './Diagnostic.js';
import { ConformInputError } from './ConformInputError.js';
import { decodeSource } from './decodeSource.js';
import { parsePatch } from './parsePatch.js';
import type { Patch } from './Patch.js';

export const MAX_PATCH_BYTES = 32 * 1024 * 1024;

/** Reads a patch's bytes: refuses empty, oversized and binary input; decodes non-UTF-8 leniently with a note. */
export function readPatch(bytes: Uint8Array, name: string): { patch: Patch; notes: Diagnostic[] } {
  if (bytes.length === 0) throw new ConformInputError(`${name}: empty patch`);
  if (bytes.length > MAX_PATCH_BYTES) throw new ConformInputError(`${name}: too large for a patch (${bytes.length} bytes, limit ${MAX_PATCH_BYTES})`);
  const d = decodeSource(bytes);
  if (!d.ok) throw new ConformInputError(`${name}: ${d.reason}`);
  const patch = parsePatch(d.text, name);
  const notes: Diagnostic[] = [];
  if (d.note) notes.push({ file: name, severity: 'note', code: CODES.lenientInput, message: d.note });
  for (const r of patch.repairs) notes.push({ severity: 'note', code: CODES.lenientInput, message: r });
  return { patch, notes };
}
