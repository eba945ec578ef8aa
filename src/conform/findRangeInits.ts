import type { Token } from './Token.js';
import type { BareRange, RangeInit, RangeInitKind } from './RangeInit.js';
import { argsOf, generationOf, isCallee, type Callee, type Generation } from './Generation.js';
import { generationOfParams } from './generationOfParams.js';
import { matchParen, splitArgs } from './splitArgs.js';
import { renderTokens } from './renderTokens.js';
import { paramsOf, type Param } from './Param.js';
import { parseDeclarators, type Declared } from './parseDeclarators.js';
import { functionHead } from './functionHead.js';
import { ConditionStack } from './ConditionStack.js';

export interface FindOptions {
  readonly file: string;
  /** Maps a token's line to the file's line (patch hunks); identity by default. */
  readonly lineOf?: (line: number) => number;
  /** The text starts inside this function (a patch hunk and its `@@` header). */
  readonly insideFunction?: { readonly name: string; readonly params: readonly Param[] };
  /** Only part of the file is seen (a patch hunk): scope is incomplete. */
  readonly partial?: boolean;
  /** The generation the header declares, to read six-argument calls. */
  readonly headerHint?: Generation;
}

export interface Found {
  readonly inits: RangeInit[];
  readonly bare: BareRange[];
}

interface FnState {
  readonly name: string;
  readonly params: readonly Param[];
  callsInit: boolean;
  readonly starts: { readonly arg: string; readonly line: number }[];
  readonly rangeObjects: Set<string>;
  /** Range objects initialised with `= { ... }` (reported once, there). */
  readonly handInit: Set<string>;
}

const START = new Set(['mmu_notifier_invalidate_range_start', 'mmu_notifier_invalidate_range_start_nonblock']);
const NOT_DECL_PREV = new Set(['return', 'else', 'do', 'case']);
const HELPERS = new Set(['_mmu_notifier_range_init']);
const PARTIAL_DEPTH = 1000;

/**
 * Every `mmu_notifier_range_init*` occurrence in a token stream (calls,
 * forwarding calls, definitions, prototypes, `#define` stubs), each with its
 * enclosing function, the vmas in scope and its `#if` conditions; and the
 * functions that start an invalidation on a range they never initialised.
 */
export function findRangeInits(tokens: readonly Token[], opts: FindOptions): Found {
  const lineOf = opts.lineOf ?? ((l: number) => l);
  const scopeComplete = !opts.partial && opts.insideFunction === undefined;
  const inits: RangeInit[] = [];
  const bare: BareRange[] = [];
  const conds = new ConditionStack();
  let depth = 0;
  let fn: FnState | undefined;
  let locals: { readonly d: Declared; readonly depth: number }[] = [];
  const enter = (name: string, params: readonly Param[]): void => {
    fn = { name, params, callsInit: false, starts: [], rangeObjects: new Set(), handInit: new Set() };
    locals = [];
  };
  const leave = (): void => {
    if (fn && !fn.callsInit) {
      for (const s of fn.starts) {
        const obj = /^&(\w+)$/.exec(s.arg)?.[1];
        if (obj && fn.rangeObjects.has(obj) && !fn.handInit.has(obj)) {
          bare.push({
            file: opts.file,
            line: s.line,
            function: fn.name,
            how: `starts an invalidation on \`${obj}\`, never initialised with mmu_notifier_range_init`,
          });
        }
      }
    }
    fn = undefined;
    locals = [];
  };
  if (opts.insideFunction) enter(opts.insideFunction.name, opts.insideFunction.params);
  // A hunk may begin in a nested block: start deep enough that its `}`s never end the function.
  if (opts.partial) depth = PARTIAL_DEPTH;
  let stmtStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'pp') {
      conds.directive(t.text);
      const m = /^#\s*define\s+(mmu_notifier_range_init(?:_owner)?)\s*\(([^)]*)\)/.exec(t.text);
      if (m) {
        const params = m[2]!.split(',').map((s) => s.trim());
        inits.push(occurrence('macro', m[1] as Callee, t.line, params, generationOfParams(params), undefined));
      }
      continue;
    }
    if (t.kind === 'punct') {
      if (t.text === '{') {
        if (depth === 0) {
          const head = functionHead(tokens, i);
          if (head) enter(head.name, paramsOf(head.params));
        } else if (!scopeComplete) {
          // a hunk does not know its depth: a head after a return type starts a new function
          const head = functionHead(tokens, i);
          const before = head ? tokens[head.nameIndex - 1] : undefined;
          if (head && before && ((before.kind === 'id' && !NOT_DECL_PREV.has(before.text)) || before.text === '*')) {
            enter(head.name, paramsOf(head.params));
            depth = 0;
          }
        }
        depth++;
        stmtStart = true;
      } else if (t.text === '}') {
        depth = Math.max(0, depth - 1);
        locals = locals.filter((l) => l.depth <= depth);
        if (depth === 0 && fn) leave();
        stmtStart = true;
      } else {
        stmtStart = t.text === ';';
      }
      continue;
    }
    if (t.kind !== 'id') {
      stmtStart = false;
      continue;
    }
    const next = tokens[i + 1];
    if (isCallee(t.text) && next?.text === '(') {
      handleCallee(i, t.text);
    } else if (fn && START.has(t.text) && next?.text === '(') {
      const close = matchParen(tokens, i + 1);
      if (close > 0) fn.starts.push({ arg: renderTokens(tokens.slice(i + 2, close)), line: lineOf(t.line) });
    } else if (fn && HELPERS.has(t.text) && next?.text === '(') {
      fn.callsInit = true;
    }
    if (fn && depth > 0 && (stmtStart || (t.text === 'for' && next?.text === '('))) {
      const at = t.text === 'for' ? i + 2 : i;
      const scopeDepth = t.text === 'for' ? depth + 1 : depth;
      for (const d of parseDeclarators(tokens, at)) {
        locals.push({ d, depth: scopeDepth });
        if (d.isRangeObject) {
          fn.rangeObjects.add(d.name);
          let eq = at;
          while (eq < tokens.length && tokens[eq]!.text !== d.name) eq++;
          if (eq > 0 && tokens[eq + 1]?.text === '=' && tokens[eq + 2]?.text === '{') {
            fn.handInit.add(d.name);
            bare.push({
              file: opts.file,
              line: lineOf(t.line),
              function: fn.name,
              how: `initialises \`${d.name}\` by hand instead of with mmu_notifier_range_init`,
            });
          }
        }
      }
    }
    stmtStart = false;
  }
  return { inits, bare };

  function occurrence(
    kind: RangeInitKind,
    callee: Callee,
    line: number,
    args: readonly string[],
    generation: Generation,
    truncated: boolean | undefined,
    endLine = line,
  ): RangeInit {
    const inFn = kind === 'call' || kind === 'forward' ? fn : undefined;
    const vmaInScope = inFn ? [...inFn.params.filter((p) => p.isVma).map((p) => p.name), ...locals.filter((l) => l.d.isVma).map((l) => l.d.name)] : [];
    const namesInScope = inFn ? [...inFn.params.map((p) => p.name), ...locals.map((l) => l.d.name)] : [];
    return {
      file: opts.file,
      line: lineOf(line),
      endLine: lineOf(endLine),
      kind,
      callee,
      args,
      generation,
      named: argsOf(callee, generation, args),
      function: inFn?.name,
      vmaInScope: [...new Set(vmaInScope)],
      namesInScope: [...new Set(namesInScope)],
      scopeComplete,
      conditions: conds.current(),
      truncated: truncated ?? false,
    };
  }

  function lastLine(close: number): number {
    return (close < 0 ? tokens[tokens.length - 1] : tokens[close])?.line ?? 1;
  }

  function handleCallee(i: number, callee: Callee): void {
    const prev = tokens[i - 1];
    const close = matchParen(tokens, i + 1);
    const inner = tokens.slice(i + 2, close < 0 ? tokens.length : close);
    const isDecl = prev !== undefined && ((prev.kind === 'id' && !NOT_DECL_PREV.has(prev.text)) || prev.text === '*');
    if (isDecl) {
      const params = splitArgs(inner).map(renderTokens);
      const after = close < 0 ? undefined : tokens[close + 1];
      const kind: RangeInitKind = after?.text === ';' ? 'prototype' : 'definition';
      const names = paramsOf(inner).map((p) => p.name);
      inits.push(occurrence(kind, callee, tokens[i]!.line, params, generationOfParams(names), close < 0, lastLine(close)));
      if (kind === 'definition' && depth > 0 && fn && !scopeComplete) {
        fn = undefined; // a hunk that began in another function reached this definition at file scope
        depth = 0;
      }
      return;
    }
    const args = splitArgs(inner).map(renderTokens);
    const forward = fn !== undefined && (isCallee(fn.name) || HELPERS.has(fn.name));
    if (fn) fn.callsInit = true;
    const generation = close < 0 ? 'unknown' : generationOf(callee, args, opts.headerHint);
    inits.push(occurrence(forward ? 'forward' : 'call', callee, tokens[i]!.line, args, generation, close < 0, lastLine(close)));
  }
}
