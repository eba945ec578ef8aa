import type { Model } from '../engine/Model.js';
import type { Property } from '../engine/Property.js';

/** A named, integer parameter of a scenario (`--set NAME=VALUE`). */
export interface ParamSpec {
  readonly name: string;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

export interface BuildOptions {
  readonly params: Readonly<Record<string, number>>;
  readonly variant?: string;
}

/** What the CLI can check: a model with its properties. */
export interface Built {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly model: Model<any, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly properties: readonly Property<any, any>[];
  /** The verdict the scenario file expects, when it states one. */
  readonly expected?: 'ok' | 'violation';
}

/** A scenario the CLI knows by name. */
export interface ScenarioEntry {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  readonly variants: readonly string[];
  build(options?: BuildOptions): Built;
}
