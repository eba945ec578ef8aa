import type { Diagnostic } from './Diagnostic.js';
import type { Generation } from './Generation.js';

/**
 * `known`: the model's only counterexamples are known findings (FINDINGS.md), named in `known`;
 * `unchecked`: a scenario of the model check ran out of its time budget (the gate fails closed).
 */
export type SiteStatus = 'ok' | 'missing' | 'unmodelled' | 'violation' | 'known' | 'invalid' | 'unchecked';

/** One call site as reported. */
export interface SiteReport {
  readonly file: string;
  readonly line: number;
  readonly function: string | null;
  readonly callee: string;
  readonly generation: Generation;
  readonly event: string | null;
  readonly flags: string | null;
  readonly vma: string | null;
  readonly mm: string | null;
  readonly start: string | null;
  readonly end: string | null;
  readonly vmaInScope: readonly string[];
  readonly conditions: readonly string[];
  /** The catalog entry it matched. */
  readonly catalogId: string | null;
  /** In a patch: `converted` (an old call replaced), `added`, or `unchanged` (context). */
  readonly change: 'converted' | 'added' | 'unchanged' | null;
  readonly status: SiteStatus;
  readonly messages: readonly string[];
  /** The model's counterexample when its event and vma fail a scenario. */
  readonly counterexample: string | null;
  /** The known findings (FINDINGS.md ids) the model shows at this site with its event and vma. */
  readonly known: readonly string[];
}

export interface Declaration {
  readonly file: string;
  readonly line: number;
  readonly kind: 'definition' | 'prototype' | 'macro' | 'forward';
  readonly callee: string;
  readonly generation: Generation;
  readonly parameters: readonly string[];
  readonly conditions: readonly string[];
}

export interface MissingSite {
  readonly file: string;
  readonly line: number | null;
  readonly function: string | null;
  readonly catalogId: string | null;
  readonly reason: string;
}

export interface ConformReport {
  readonly mode: 'tree' | 'patch' | 'tree+patch';
  readonly input: { readonly tree: string | null; readonly patch: string | null };
  /** The API generation before and after the patch (`from` is null for a tree scan). */
  readonly generation: { readonly from: Generation | null; readonly to: Generation | null };
  readonly sites: readonly SiteReport[];
  /** The helper's definitions, prototypes, `#define` stubs and forwarding calls (not sites). */
  readonly declarations: readonly Declaration[];
  readonly missing: readonly MissingSite[];
  readonly unmodelled: readonly SiteReport[];
  readonly stale: readonly MissingSite[];
  readonly diagnostics: readonly Diagnostic[];
  readonly catalogSize: number | null;
  readonly stats: { readonly filesScanned: number; readonly bytesScanned: number; readonly seconds: number };
  readonly verdict: 'pass' | 'fail';
}
