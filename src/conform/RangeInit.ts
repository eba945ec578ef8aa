import type { Callee, Generation, RangeInitArgs } from './Generation.js';

/**
 * What a `mmu_notifier_range_init*` occurrence is: a call (a site, or a
 * `forward` call inside another range-init helper), the `static inline`
 * definition, a prototype, or the `#define` stub.
 */
export type RangeInitKind = 'call' | 'forward' | 'definition' | 'prototype' | 'macro';

export interface RangeInit {
  readonly file: string;
  readonly line: number;
  /** Line of the closing parenthesis (the last line seen when truncated). */
  readonly endLine: number;
  readonly kind: RangeInitKind;
  readonly callee: Callee;
  /** Argument (or parameter) source texts. */
  readonly args: readonly string[];
  readonly generation: Generation;
  readonly named: RangeInitArgs;
  /** The enclosing function (undefined at file scope or when unknown). */
  readonly function: string | undefined;
  /** `struct vm_area_struct *` parameters and locals in scope at the call. */
  readonly vmaInScope: readonly string[];
  /** Every other name declared in scope (params and locals of any type). */
  readonly namesInScope: readonly string[];
  /** False when only part of the function was seen (a patch hunk). */
  readonly scopeComplete: boolean;
  /** The `#if` conditions around it, outermost first. */
  readonly conditions: readonly string[];
  /** The argument list was cut off (end of a hunk). */
  readonly truncated: boolean;
}

/** A range built without the helper: a function starts an invalidation on a range it never initialised. */
export interface BareRange {
  readonly file: string;
  readonly line: number;
  readonly function: string | undefined;
  readonly how: string;
}
