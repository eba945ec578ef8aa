/** What `mnc random` works from: its flags, and one scenario to run (a job). */
import type { MmBuildOptions, ScenarioEntry } from './ScenarioEntry.js';

export interface RandomFlags {
  all?: boolean;
  scenario?: string;
  seed?: number;
  runs: number;
  strategy: string;
  depth: number;
  pctDepth?: number;
  set: string[];
  variant?: string;
  varyParams?: boolean;
  path?: string;
  out?: string;
  minimise: boolean;
  maxSeconds?: number;
  property: string[];
  events: string;
  override: string[];
  mutant?: string;
  json?: boolean;
  pastKnown?: boolean;
}

/** One scenario to run: its entry, the parameters (upper bounds with --vary-params) and the variant. */
export interface RandomJob {
  readonly entry: ScenarioEntry;
  readonly params: Record<string, number>;
  readonly variant?: string;
  /** The scenario file it came from (`--scenario`), if any. */
  readonly file?: string;
  /** For mm-model entries: event profile, overrides, mutant. */
  readonly mm?: MmBuildOptions;
  /** Not addressable by name (a mutant's baseline): `--out` saves the scenario file. */
  readonly unnamed?: boolean;
}

export type Params = Record<string, number>;
