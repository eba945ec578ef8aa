import type { ConformReport } from '../conform/ConformReport.js';
import { visibleText } from './visibleText.js';

/**
 * The compiler-style text report (`file:line: severity: message [code]`),
 * one `note` line per site (its event and vma) followed by the findings at
 * that place (a model counterexample indented below them), then one
 * summary line.
 */
export function conformText(r: ConformReport): string {
  const rows: { file: string; line: number; order: number; text: string }[] = [];
  r.sites.forEach((s, k) => {
    const fn = s.function ? ` in ${s.function}()` : '';
    const cat = s.catalogId ? `, catalog site ${s.catalogId}` : '';
    const change = s.change ? `, ${s.change}` : '';
    const event = s.event ? `event ${s.event}, ` : '';
    rows.push({
      file: s.file,
      line: s.line,
      order: k,
      text: `${s.file}:${s.line}: note: site${fn}: ${event}vma ${s.vma ?? '(none)'} [${s.generation}${change}${cat}; ${s.status}]`,
    });
  });
  r.sites.forEach((s, k) => {
    if (s.counterexample)
      rows.push({ file: s.file, line: s.line, order: Number.MAX_SAFE_INTEGER - r.sites.length + k, text: s.counterexample.replace(/^/gm, '    ') });
  });
  const loose: string[] = [];
  r.diagnostics.forEach((d, k) => {
    const text = `${d.severity}: ${d.message} [${d.code}]`;
    if (d.file === undefined) loose.push(`mnc conform: ${text}`);
    else rows.push({ file: d.file, line: d.line ?? 0, order: r.sites.length + k, text: `${d.file}${d.line ? `:${d.line}` : ''}: ${text}` });
  });
  rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.order - b.order));
  const gen = r.generation.from ? `${r.generation.from} -> ${r.generation.to}` : `${r.generation.to ?? 'unknown'}`;
  const summary =
    `mnc conform: ${r.sites.length} sites (${gen}), ${r.missing.length} missing, ${r.unmodelled.length} unmodelled, ${r.stale.length} stale, ` +
    `${r.diagnostics.filter((d) => d.severity === 'error').length} errors: ${r.verdict === 'pass' ? 'PASS' : 'FAIL'}`;
  // Each row is one line (a counterexample block keeps its own lines); input text cannot reach the terminal raw.
  return (
    [...rows.map((x) => visibleText(x.text, x.order >= Number.MAX_SAFE_INTEGER - r.sites.length)), ...loose.map((l) => visibleText(l)), summary].join('\n') +
    '\n'
  );
}
