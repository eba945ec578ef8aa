/**
 * A strict reader of the YAML subset our CI workflow files use (block maps
 * and lists, `- key: value` items, plain, quoted and `[a, b]` flow-list
 * scalars, `|` block literals, comments), for tests that check a workflow
 * against the CLI. No YAML parser is among the dependencies, and the shared
 * node_modules of this work could not take one; anything outside the subset
 * (anchors, aliases, flow maps, folded scalars, tabs, documents) is an error
 * naming the line, so the reader cannot silently misread a file.
 */
export type Yaml = string | number | boolean | null | Yaml[] | { [k: string]: Yaml };

interface Line {
  readonly n: number;
  readonly indent: number;
  readonly text: string;
  readonly raw: string;
}

function fail(l: Line | undefined, why: string): never {
  throw new Error(`workflow YAML line ${l?.n ?? 'end'}: ${why}${l ? `: ${l.raw.trim()}` : ''}`);
}

/** The text without a trailing comment (a `#` at the start or after a space, outside quotes). */
function uncomment(s: string): string {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#' && (i === 0 || s[i - 1] === ' ')) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

function scalar(s: string, l: Line): Yaml {
  if (/^[&*!]|^\{|^>/.test(s)) fail(l, 'outside the supported subset (anchor, alias, tag, flow map or folded scalar)');
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) fail(l, 'unterminated flow list');
    const body = s.slice(1, -1).trim();
    return body === '' ? [] : body.split(',').map((x) => scalar(x.trim(), l));
  }
  if (s.startsWith("'")) return s.endsWith("'") && s.length > 1 ? s.slice(1, -1).replace(/''/g, "'") : fail(l, 'unterminated quote');
  if (s.startsWith('"')) return s.endsWith('"') && s.length > 1 ? (JSON.parse(s) as string) : fail(l, 'unterminated quote');
  if (s === '' || s === '~' || s === 'null') return null;
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

export function parseWorkflowYaml(src: string): Yaml {
  const raw = src.split('\n');
  const lines: Line[] = [];
  raw.forEach((r, i) => {
    if (/^\t| \t/.test(r)) fail({ n: i + 1, indent: 0, text: r, raw: r }, 'tab in indentation');
    if (/^(---|\.\.\.)\s*$/.test(r)) fail({ n: i + 1, indent: 0, text: r, raw: r }, 'document markers are outside the subset');
    lines.push({ n: i + 1, indent: r.length - r.trimStart().length, text: uncomment(r.trimStart()), raw: r });
  });
  let i = 0;
  const next = (): Line | undefined => {
    while (i < lines.length && lines[i]!.text === '') i++;
    return lines[i];
  };

  /** A `|` block literal: the raw lines indented deeper than `parent`. */
  function literal(parent: number): string {
    const out: string[] = [];
    let ind = -1;
    while (i < lines.length) {
      const l = lines[i]!;
      if (l.raw.trim() !== '' && l.indent <= parent) break;
      if (ind < 0 && l.raw.trim() !== '') ind = l.indent;
      out.push(l.raw.slice(Math.max(ind, 0)));
      i++;
    }
    while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
    return out.join('\n') + '\n';
  }

  /** The value after `key:` (or `-`) on line `l`: inline, a literal, or the block below. */
  function valueOf(rest: string, l: Line, indent: number): Yaml {
    if (rest === '|' || rest === '|-') {
      const v = literal(indent);
      return rest === '|-' ? v.replace(/\n$/, '') : v;
    }
    if (rest !== '') return scalar(rest, l);
    const n = next();
    return n !== undefined && n.indent > indent ? block(n.indent) : null;
  }

  /** The map entries `key: value` at `indent`, the first one possibly after a `- ` (at column `indent`). */
  function mapAt(indent: number, first?: { text: string; line: Line }): Record<string, Yaml> {
    const out: Record<string, Yaml> = {};
    const entry = (text: string, l: Line) => {
      const m = /^([^\s:][^:]*?):(?:\s+(.*)|$)/.exec(text);
      if (!m) fail(l, 'expected key: value');
      if (m[1]! in out) fail(l, `duplicate key ${m[1]}`);
      out[m[1]!] = valueOf((m[2] ?? '').trim(), l, indent);
    };
    if (first) entry(first.text, first.line);
    for (let n = next(); n !== undefined && n.indent === indent && !n.text.startsWith('- ') && n.text !== '-'; n = next()) {
      i++;
      entry(n.text, n);
    }
    return out;
  }

  function block(indent: number): Yaml {
    const first = next()!;
    if (!(first.text.startsWith('- ') || first.text === '-')) return mapAt(indent);
    const out: Yaml[] = [];
    for (let n = next(); n !== undefined && n.indent === indent && (n.text.startsWith('- ') || n.text === '-'); n = next()) {
      i++;
      const rest = n.text.slice(1).trimStart();
      const inner = n.indent + (n.text.length - rest.length);
      if (/^[^\s:'"[][^:]*:(\s|$)/.test(rest)) out.push(mapAt(inner, { text: rest, line: n }));
      else out.push(valueOf(rest, n, n.indent));
    }
    return out;
  }

  const top = next();
  if (top === undefined) return null;
  if (top.indent !== 0) fail(top, 'the document must start at column 0');
  const doc = block(0);
  const left = next();
  if (left !== undefined) fail(left, 'unexpected indentation');
  return doc;
}
