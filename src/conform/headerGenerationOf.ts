import type { Generation } from './Generation.js';
import type { RangeInit } from './RangeInit.js';

/** The generation declared by the header's `mmu_notifier_range_init` definition or stub (the definition wins). */
export function headerGenerationOf(inits: readonly RangeInit[]): Generation | undefined {
  const decl = (kind: RangeInit['kind']): Generation | undefined =>
    inits.find((r) => r.kind === kind && r.callee === 'mmu_notifier_range_init' && r.generation !== 'unknown')?.generation;
  return decl('definition') ?? decl('macro') ?? decl('prototype');
}
