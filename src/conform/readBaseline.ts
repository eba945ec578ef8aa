import { readFileSync } from 'node:fs';
import { ConformInputError } from './ConformInputError.js';
import { fingerprint } from './fingerprint.js';

interface SarifResult {
  readonly ruleId?: string;
  readonly level?: string;
  readonly message?: { readonly text?: string };
  readonly partialFingerprints?: Record<string, string>;
  readonly locations?: readonly { readonly physicalLocation?: { readonly artifactLocation?: { readonly uri?: string } } }[];
}

/**
 * The fingerprints of the errors of a previous `mnc conform` report, JSON
 * (`--format json`) or SARIF (`--format sarif`): what `--baseline` accepts.
 */
export function readBaseline(path: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = e instanceof SyntaxError ? 'not JSON' : `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new ConformInputError(`${path}: ${why}: expected a previous mnc conform report (--format json or sarif)`);
  }
  const o = data as { diagnostics?: unknown; runs?: unknown };
  if (o && Array.isArray(o.diagnostics)) {
    const ds = o.diagnostics as { severity?: string; code?: string; file?: string; message?: string }[];
    return new Set(
      ds
        .filter((d) => d.severity === 'error' && typeof d.code === 'string' && typeof d.message === 'string')
        .map((d) => fingerprint({ code: d.code as never, file: d.file, message: d.message! })),
    );
  }
  if (o && Array.isArray(o.runs)) {
    const results = (o.runs as { results?: SarifResult[] }[]).flatMap((r) => r.results ?? []);
    return new Set(
      results
        .filter((r) => r.level === 'error')
        .map(
          (r) =>
            r.partialFingerprints?.['mnc/v1'] ??
            fingerprint({
              code: (r.ruleId ?? '') as never,
              file: fileOfUri(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri),
              message: r.message?.text ?? '',
            }),
        ),
    );
  }
  throw new ConformInputError(`${path}: expected a previous mnc conform report (--format json or sarif), found neither diagnostics nor SARIF runs`);
}

/** The file path of a SARIF uri (mnc writes each segment percent-encoded); a uri that does not decode is kept as it is. */
function fileOfUri(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
