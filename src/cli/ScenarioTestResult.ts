/** One row of `mnc test`: a scenario file, what it expects, what the exploration found, and whether that meets it. */
export interface ScenarioTestResult {
  readonly file: string;
  readonly name: string;
  /** `ok`, `violation of P`, `deadlock` (absent when the file could not be loaded). */
  readonly expected?: string;
  /** `ok`, `violation of P, Q`, `deadlock`, `incomplete (max-states)`, `model error: ...`, or the load error. */
  readonly result: string;
  readonly status: 'pass' | 'fail' | 'error';
  readonly distinctStates?: number;
  readonly seconds?: number;
  /** What overrides, a mutant or the module's edits replaced. */
  readonly replaced: readonly string[];
  readonly violations: readonly { readonly property: string; readonly message: string }[];
}
