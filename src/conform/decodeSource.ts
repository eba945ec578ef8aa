/** A file's text, or why it was skipped. */
export type Decoded = { readonly ok: true; readonly text: string; readonly note?: string } | { readonly ok: false; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Decodes C source or a patch: binary (a NUL byte) is refused; bytes that are
 * not UTF-8 (old kernel files, mail archives) are read as Latin-1 with a note,
 * which keeps every ASCII token intact.
 */
export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: true, text: latin1.decode(bytes), note: 'not valid UTF-8: read as Latin-1' };
  }
}
