/**
 * Every operation a scenario thread can name (`op`), generated from the
 * program registry: its group (core mm, a mirror kind, a site operation),
 * the arguments its `locals` reads (programArgs) with their types
 * (argKinds), the kernel function it models (its first step's `at`) and the
 * catalog sites whose function it runs. `mnc ops` prints it.
 */
import { CORE_PROGRAMS } from './corePrograms.js';
import type { Program } from '../mm/step/Program.js';
import { MIRROR_KINDS } from '../mirrors/mirrorKinds.js';
import { CATALOG } from '../sites/catalog.js';
import { argKind } from './argKinds.js';
import { defaultRegistry } from './defaultRegistry.js';
import { programArgs } from './programArgs.js';

export interface OperationArg {
  readonly name: string;
  readonly type: string;
  /** The program requires it (`params`); the others default. */
  readonly required: boolean;
}

export interface Operation {
  readonly name: string;
  /** `core`, `mirror KIND` (callbacks and the fault) or `site`. */
  readonly group: string;
  readonly args: readonly OperationArg[];
  /** The kernel `file:function` its first step models. */
  readonly models: string;
  /** Catalog ids of the mmu_notifier_range_init sites in a function its steps model. */
  readonly sites: readonly number[];
  /** Its steps' labels, in order (for replaceStep). */
  readonly steps: readonly string[];
}

function groupOf(name: string): string {
  if (CORE_PROGRAMS.some((p) => p.name === name)) return 'core';
  const kind = MIRROR_KINDS.find((k) => k.programs.some((p) => p.name === name));
  return kind ? `mirror ${kind.kind}` : 'site';
}

export function operationOf(p: Program): Operation {
  const at = new Set(p.steps.map((s) => s.at));
  return {
    name: p.name,
    group: groupOf(p.name),
    args: programArgs(p).map((a) => ({ ...a, type: argKind(a.name).type })),
    models: p.steps[0]?.at ?? '',
    sites: CATALOG.filter((s) => at.has(`${s.file}:${s.function}`)).map((s) => s.id),
    steps: p.steps.map((s) => s.label),
  };
}

/** Every registered program, sorted by group then name. */
export function operations(): Operation[] {
  const reg = defaultRegistry();
  const order = (g: string) => (g === 'core' ? 0 : g === 'site' ? 1 : 2);
  return reg
    .names()
    .map((n) => operationOf(reg.get(n)))
    .sort((a, b) => order(a.group) - order(b.group) || a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
}
