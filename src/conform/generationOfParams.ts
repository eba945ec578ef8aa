import type { Generation } from './Generation.js';

/** The generation a definition or `#define` declares, read from its parameter names. */
export function generationOfParams(names: readonly string[]): Generation {
  const has = (n: string): boolean => names.includes(n);
  const arity = names.length - (has('owner') ? 1 : 0);
  if (arity === 4 && !has('event')) return 'v5.0';
  if (arity === 6 && has('vma') && !has('flags')) return 'seed';
  if (arity === 7 && has('vma') && has('flags')) return 'v5.2';
  if (arity === 6 && has('flags')) return 'v6.3';
  return 'unknown';
}
