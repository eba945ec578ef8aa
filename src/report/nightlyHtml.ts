import { coverageLine } from './coverageReport.js';
import type { SweepRecord, SweepTraceStep } from '../sweep/SweepRecord.js';
import { isFinding, type NightlyReport } from '../nightly/NightlyReport.js';
import { hasNewViolation, violationsOf } from '../sweep/triage.js';
import { xmlEscape as e } from './xmlEscape.js';
import { EXIT } from '../engine/ExploreResult.js';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
.cells a,.cells span{display:inline-block;width:12px;height:12px;margin:1px;border-radius:2px}
.ok{background:#4caf50}.known{background:#f0b429}.new{background:#d64545}.incomplete{background:#9e9e9e}.model-error{background:#8e44ad}
.seq td{min-width:14em;font-size:12px}.seq td.act{background:#eef4ff}.seq .at{color:#666}.seq .chg{color:#245;white-space:pre-wrap}
.badge{padding:1px 6px;border-radius:8px;color:#fff}.pass{background:#4caf50}.fail{background:#d64545}code{font-size:12px}`;

/** The verdict class of a record: ok, known, new, incomplete or model-error. */
function verdict(r: SweepRecord): string {
  if (isFinding(r)) return hasNewViolation(r) ? 'new' : 'known';
  return r.status;
}

function describe(r: SweepRecord): string {
  // every violation of the record (a sweep with --all-violations has more than its first)
  const named = violationsOf(r).map((v) => `${v.property}, ${v.known ?? 'new'}${v.consequence ? ' (consequence)' : ''}`);
  const property = named.length ? ` (${named.join('; ')})` : '';
  return (
    `${r.id} #${r.site} ${r.path}: ${verdict(r)}${property}; ${r.config.layout}; ` +
    `subscribers ${r.config.subscribers.join(', ') || 'none'}; threads ${r.config.threads.join(' | ')}; ${r.distinctStates} states`
  );
}

/** A counterexample as a sequence chart: one column per thread, one row per step, the state change beside each step. */
function sequenceChart(steps: readonly SweepTraceStep[]): string {
  const threads = [...new Set(steps.map((s) => s.thread))];
  const head = `<tr><th>#</th>${threads.map((t) => `<th>${e(t)}</th>`).join('')}</tr>`;
  const rows = steps.map((s, i) => {
    const cells = threads.map((t) =>
      t === s.thread
        ? `<td class="act"><b>${e(s.label)}</b><div class="at">${e(s.at)}</div>${s.change ? `<div class="chg">${e(s.change)}</div>` : ''}</td>`
        : '<td></td>',
    );
    return `<tr><td>${i + 1}</td>${cells.join('')}</tr>`;
  });
  return `<table class="seq">${head}${rows.join('')}</table>`;
}

/**
 * The nightly run as one self-contained HTML page (no network: inline style
 * and script only): the verdict, a per-site matrix of configurations and
 * verdicts, new and known findings, and each counterexample as a sequence
 * chart across threads. Every string from the input is escaped.
 */
export function nightlyHtml(n: NightlyReport): string {
  const s = n.summary;
  const bySite = new Map<string, SweepRecord[]>();
  for (const r of n.records) bySite.set(r.site, [...(bySite.get(r.site) ?? []), r]);
  const siteIds = [...bySite.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const matrix = siteIds.map((id) => {
    const rs = bySite.get(id)!;
    const at = n.sites[id];
    const where = at ? `${at.function} <code>${e(at.file)}${at.line !== null ? `:${at.line}` : ''}</code>` : '';
    const count = (v: string) => rs.filter((r) => verdict(r) === v).length;
    const cells = rs.map((r) =>
      isFinding(r)
        ? `<a class="${verdict(r)}" href="#cex-${e(r.id)}" title="${e(describe(r))}"></a>`
        : `<span class="${verdict(r)}" title="${e(describe(r))}"></span>`,
    );
    const counts = [rs.length, count('ok'), count('known'), count('new'), count('incomplete') + count('model-error')];
    return (
      `<tr data-site="${e(id)}"><td>#${e(id)}</td><td>${where}</td>${counts.map((c) => `<td>${c}</td>`).join('')}` +
      `<td class="cells">${cells.join('')}</td></tr>`
    );
  });
  const findings = n.records.filter(isFinding);
  const row = (r: SweepRecord) => {
    // every violation of the record: its first, and those past it (a sweep with --all-violations)
    const vs = violationsOf(r);
    const properties = vs.map((v) => v.property).join(', ');
    const names = vs.map((v) => (v.known === null ? 'new' : v.consequence ? `${v.known} (consequence)` : v.known)).join(', ');
    return (
      `<tr class="${verdict(r)}-row"><td><a href="#cex-${e(r.id)}">${e(r.id)}</a></td><td>#${e(r.site)} ${e(r.path)}</td>` +
      `<td>${e(properties)}</td><td>${e(names)}</td>` +
      `<td>${e(r.config.subscribers.join(', '))}</td><td>${e(r.config.threads.join(' | '))}</td></tr>`
    );
  };
  const findingTable = (rs: SweepRecord[]) =>
    rs.length
      ? `<table><tr><th>configuration</th><th>site</th><th>property</th><th>finding</th><th>subscribers</th><th>threads</th></tr>${rs.map(row).join('')}</table>`
      : '<p>none</p>';
  const charts = findings.flatMap((r) =>
    violationsOf(r).map((v, i) => {
      const known = v.known === null ? 'NEW' : `${v.known} (known${v.consequence ? ', its consequence' : ''})`;
      const title = `${e(known)}: ${e(v.property)} at #${e(r.site)} ${e(r.path)}`;
      const config = `${e(r.config.layout)}; subscribers ${e(r.config.subscribers.join(', ') || 'none')}; threads ${e(r.config.threads.join(' | '))}`;
      const chart = v.trace?.length ? sequenceChart(v.trace) : '<p>(no trace recorded)</p>';
      return `<section id="cex-${e(r.id)}${i === 0 ? '' : `-${i}`}"><h3>${title}</h3><p>${config}</p>${chart}</section>`;
    }),
  );
  const conform = s.conform
    ? `<h2>Conformance of ${e(s.conform.tree)} <span class="badge ${s.conform.incomplete ? 'incomplete' : s.conform.verdict}">${e(s.conform.incomplete ? 'incomplete' : s.conform.verdict)}</span></h2><ul>` +
      s.conform.known.map((k) => `<li>${e(`${k.file}:${k.line}`)}: known finding ${e(k.findings.join(', '))} (site ${e(k.site)})</li>`).join('') +
      `${s.conform.errors.map((m) => `<li>${e(m)}</li>`).join('')}</ul>`
    : '';
  const random = s.random
    ? `<h2>Random search</h2><p>seed ${s.random.seed}, ${e(s.random.strategy)}, events ${e(s.events)}, ${s.random.runs} runs in ${s.random.seconds.toFixed(0)} s` +
      `${s.random.interrupted ? ' (stopped by the time budget)' : ''}: ${e(s.random.status)}; known findings gone past: ${e(
        Object.entries(s.random.known)
          .map(([id, k]) => `${id} x${k}`)
          .join(', ') || 'none',
      )}</p>`
    : '';
  const sweep = s.sweep
    ? `<p>Sweep: scope ${e(s.sweep.scope)}, events ${e(s.sweep.events)}, ${s.sweep.configurations} configurations${
        Object.keys(s.sweep.skipped).length
          ? `; not generated: ${e(
              Object.entries(s.sweep.skipped)
                .map(([k, v]) => `${v} ${k}`)
                .join(', '),
            )}`
          : ''
      }</p>`
    : '<p>Sweep: not run</p>';
  const c = s.coverage;
  const coverage = c
    ? `<h2>Step coverage</h2><p>${e(coverageLine(c, c.stopped))}</p>` +
      (c.unrun.length ? `<p>Steps never run:</p><ul>${c.unrun.map((u) => `<li>${e(u)}</li>`).join('')}</ul>` : '') +
      (c.unreachable.length ? `<p>Steps declared unreachable, never run:</p><ul>${c.unreachable.map((u) => `<li>${e(u)}</li>`).join('')}</ul>` : '') +
      (c.declaredButRun.length
        ? `<p>Steps declared unreachable that ran (the declaration is stale):</p><ul>${c.declaredButRun.map((u) => `<li>${e(u)}</li>`).join('')}</ul>`
        : '') +
      (c.neverCalled.length ? `<p>Programs never called: ${e(c.neverCalled.join(', '))}</p>` : '')
    : '';
  const fresh = findings.filter(hasNewViolation);
  const script =
    `document.getElementById('only-findings').addEventListener('change',function(ev){var on=ev.target.checked;` +
    `document.querySelectorAll('tr[data-site]').forEach(function(tr){var f=tr.querySelector('.known,.new');tr.style.display=on&&!f?'none':'';});});` +
    `document.body.dataset.ready='1';`;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'`;
  const head =
    `<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<title>mnc nightly ${e(s.startedAt)}</title><style>${STYLE}</style></head>`;
  const missing = s.missingKnown.length ? `; known but not reached: ${e(s.missingKnown.join(', '))}` : '';
  const intro =
    `<p>${e(s.exitReason)}. Started ${e(s.startedAt)}, ${s.seconds.toFixed(0)} s; ${s.configurations} configurations; ` +
    `${s.newFindings} new findings; known reached: ${e(s.knownFindings.join(', ') || 'none')}${missing}.</p>`;
  const swatch = (v: string) => `<span class="${v}" style="display:inline-block;width:10px;height:10px"></span> ${v}`;
  const matrixHead =
    '<tr><th>site</th><th>where</th><th>configurations</th><th>ok</th><th>known</th><th>new</th><th>cut / error</th>' +
    `<th>verdicts (${['ok', 'known', 'new'].map(swatch).join(' ')})</th></tr>`;
  return `<!DOCTYPE html>
<html lang="en">${head}
<body><h1>mnc nightly <span class="badge ${s.exit === 0 ? 'pass' : s.exit === EXIT.incomplete ? 'incomplete' : 'fail'}">exit ${s.exit}</span></h1>
${intro}
${conform}${sweep}${coverage}${random}
<h2>Per-site matrix</h2><label><input type="checkbox" id="only-findings"> only sites with findings</label>
<table>${matrixHead}${matrix.join('')}</table>
<h2>New findings (${fresh.length})</h2>${findingTable(fresh)}
<h2>Known findings reached (${findings.length - fresh.length} configurations)</h2>${findingTable(findings.filter((r) => !hasNewViolation(r)))}
<h2>Counterexamples</h2>${charts.join('\n') || '<p>none</p>'}
<script>${script}</script></body></html>
`;
}
