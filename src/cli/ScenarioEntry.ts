import type fc from 'fast-check';
import type { Model } from '../engine/Model.js';
import type { Property } from '../engine/Property.js';
import type { SiteOverride } from '../../model/scenario/resolveScenario.js';

/** A named, integer parameter of a scenario (`--set NAME=VALUE`). */
export interface ParamSpec {
  readonly name: string;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** Options of a scenario built on the mm model (`--events`, `--override`, `--mutant`). */
export interface MmBuildOptions {
  readonly events: 'seed' | 'v5.2';
  readonly overrides: readonly SiteOverride[];
  /** A mutant id (`mnc mutants --list`). */
  readonly mutant?: string;
}

export interface BuildOptions {
  readonly params: Readonly<Record<string, number>>;
  readonly variant?: string;
  /** For entries with `mm`: the event profile, site overrides and mutant. */
  readonly mm?: MmBuildOptions;
}

/** What the CLI can check: a model with its properties. */
export interface Built {
  readonly model: Model<unknown, unknown>;
  readonly properties: readonly Property<unknown, unknown>[];
  /** The verdict the scenario file expects, when it states one. */
  readonly expected?: 'ok' | 'violation';
  /** The property the scenario expects to fail (with `expected: 'violation'`; `deadlock` for a deadlock). */
  readonly expectedProperty?: string;
  /** What overrides, a mutant or a module's edits replaced, one line each (printed with the verdict). */
  readonly replaced?: readonly string[];
  /**
   * The data of a scenario file (JSON) that rebuilds exactly this model with
   * these properties, for `mnc replay`; absent when no file can (a mutant
   * that rewrites programs).
   */
  readonly scenario?: unknown;
}

/** A family of scenarios fast-check draws and shrinks with the schedule (`mnc random NAME`). */
export interface EntrySpace {
  readonly arbitrary: fc.Arbitrary<unknown>;
  build(drawn: unknown): Built;
}

/** A scenario the CLI knows by name. */
export interface ScenarioEntry {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  readonly variants: readonly string[];
  build(options?: BuildOptions): Built;
  /** Built on the mm model: takes `BuildOptions.mm`. */
  readonly mm?: boolean;
  /** Drawn rather than fixed: `mnc random` draws the scenario with the schedule (`build` gives the simplest one). */
  space?(options: BuildOptions): EntrySpace;
}
