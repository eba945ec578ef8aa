export type Severity = 'error' | 'warning' | 'note';

/** Stable diagnostic codes (users and tests grep them; SARIF rule ids). */
export const CODES = {
  missingSite: 'missing-site',
  unreplacedCall: 'unreplaced-call',
  unmodelledSite: 'unmodelled-site',
  staleSite: 'stale-site',
  unknownEvent: 'unknown-event',
  vmaNotInScope: 'vma-not-in-scope',
  vmaNullInScope: 'vma-null-in-scope',
  headerVariant: 'header-variant',
  bareRange: 'range-without-helper',
  modelViolation: 'model-violation',
  modelSkipped: 'model-skipped',
  knownFinding: 'known-finding',
  noCatalog: 'no-catalog',
  lenientInput: 'lenient-input',
  skippedFile: 'skipped-file',
  truncatedCall: 'truncated-call',
} as const;

export type Code = (typeof CODES)[keyof typeof CODES];

/** One finding, printed compiler-style as `file:line: severity: message [code]`. */
export interface Diagnostic {
  readonly file?: string;
  readonly line?: number;
  readonly severity: Severity;
  readonly code: Code;
  readonly message: string;
  /** Accepted by `--baseline`: the previous report had it (an error there, a note here). */
  readonly baseline?: boolean;
  /** A check its time budget cut off (not a finding): a run whose only errors are these is incomplete, exit 3. */
  readonly incomplete?: true;
}
