import type { Program } from '../mm/step/Program.js';

/**
 * The arguments a program reads, found by running its `locals` on a probe
 * that records every name read (so the list cannot drift from the code);
 * the declared `params` (required) first.
 */
export function programArgs(p: Program): { readonly name: string; readonly required: boolean }[] {
  const read: string[] = [];
  const probe = new Proxy({}, { get: (_t, k) => (typeof k === 'string' && !read.includes(k) && read.push(k), undefined) });
  try {
    p.locals(probe);
  } catch {
    // a program whose locals need real arguments: its params alone
  }
  const req = p.params ?? [];
  return [...req.map((name) => ({ name, required: true })), ...read.filter((n) => !req.includes(n)).map((name) => ({ name, required: false }))];
}
