/**
 * API generations of `mmu_notifier_range_init` (include/linux/mmu_notifier.h):
 * - `v5.0`: (range, mm, start, end)
 * - `seed`: (range, event, vma, mm, start, end)            [the v4 2/9 series]
 * - `v5.2`: (range, event, flags, vma, mm, start, end)     [merged in v5.2]
 * - `v6.3`: (range, event, flags, mm, start, end)          [vma dropped]
 * The `_owner` variant (v5.9+) takes one more argument, `owner`, at the end.
 */
export type Generation = 'v5.0' | 'seed' | 'v5.2' | 'v6.3' | 'unknown';

export const RANGE_INIT = 'mmu_notifier_range_init';
export const RANGE_INIT_OWNER = 'mmu_notifier_range_init_owner';

export type Callee = typeof RANGE_INIT | typeof RANGE_INIT_OWNER;

export function isCallee(name: string): name is Callee {
  return name === RANGE_INIT || name === RANGE_INIT_OWNER;
}

/** The named arguments of one call, as source expressions. */
export interface RangeInitArgs {
  readonly range?: string;
  readonly event?: string;
  readonly flags?: string;
  readonly vma?: string;
  readonly mm?: string;
  readonly start?: string;
  readonly end?: string;
  readonly owner?: string;
}

const FIELDS: Record<Exclude<Generation, 'unknown'>, readonly (keyof RangeInitArgs)[]> = {
  'v5.0': ['range', 'mm', 'start', 'end'],
  seed: ['range', 'event', 'vma', 'mm', 'start', 'end'],
  'v5.2': ['range', 'event', 'flags', 'vma', 'mm', 'start', 'end'],
  'v6.3': ['range', 'event', 'flags', 'mm', 'start', 'end'],
};

/** Looks like a flags argument (`0`, `MMU_NOTIFIER_RANGE_BLOCKABLE`, `flags`) rather than a vma. */
function looksLikeFlags(arg: string): boolean {
  return /^(\(?\s*\d+[uUlL]*\s*\)?|.*MMU_NOTIFIER_RANGE_\w+.*|flags)$/.test(arg.trim());
}

/**
 * The generation of a call or definition from its callee and arguments. A
 * six-argument form is the seed when its third argument is a vma, v6.3 when
 * it is flags; `headerHint` (the generation read from the header) wins when
 * the arity agrees with it.
 */
export function generationOf(callee: Callee, args: readonly string[], headerHint?: Generation): Generation {
  const arity = args.length - (callee === RANGE_INIT_OWNER ? 1 : 0);
  if (headerHint && headerHint !== 'unknown' && FIELDS[headerHint].length === arity) return headerHint;
  if (arity === 4) return 'v5.0';
  if (arity === 7) return 'v5.2';
  if (arity === 6) return looksLikeFlags(args[2] ?? '') ? 'v6.3' : 'seed';
  return 'unknown';
}

/** Names each argument by its position in the generation's signature. */
export function argsOf(callee: Callee, generation: Generation, args: readonly string[]): RangeInitArgs {
  if (generation === 'unknown') return {};
  const names = FIELDS[generation];
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    if (args[i] !== undefined) out[name] = args[i]!;
  });
  if (callee === RANGE_INIT_OWNER && args[names.length] !== undefined) out['owner'] = args[names.length]!;
  return out;
}
