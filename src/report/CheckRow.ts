/** One scenario's line in `mnc check` (also its JSON object). */
export interface CheckRow {
  readonly site: number;
  readonly scenario: string;
  readonly mirror: string;
  readonly status: 'ok' | 'violation' | 'incomplete' | 'model-error';
  readonly expected: 'ok' | 'violation';
  readonly expectedProperty?: string;
  readonly matches: boolean;
  readonly distinctStates: number;
  readonly seconds: number;
  readonly violations: readonly { property: string; kind: string; message: string; length: number }[];
  readonly modelError?: string;
}
