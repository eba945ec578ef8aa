import type { Program } from '../mm/step/Program.js';

/**
 * The arguments a program reads, found by running its `locals` on a probe
 * that records every name read (so the list cannot drift from the code);
 * the declared `params` first. An argument is required when declared, or
 * when its local has no default (`a['x'] ?? null`).
 */
export function programArgs(p: Program): { readonly name: string; readonly required: boolean }[] {
  const read: string[] = [];
  const probe = new Proxy({}, { get: (_t, k) => (typeof k === 'string' && !read.includes(k) && read.push(k), undefined) });
  let locals: Record<string, unknown> = {};
  try {
    locals = p.locals(probe);
  } catch {
    // a program whose locals need real arguments: its params alone
  }
  const req = p.params ?? [];
  return [...req.map((name) => ({ name, required: true })), ...read.filter((n) => !req.includes(n)).map((name) => ({ name, required: locals[name] === null }))];
}
