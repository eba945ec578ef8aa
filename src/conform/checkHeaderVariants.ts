import { CODES, type Diagnostic } from './Diagnostic.js';
import { RANGE_INIT, type Generation } from './Generation.js';
import type { RangeInit } from './RangeInit.js';

/**
 * Both variants of the header must declare generation `to`: the `static
 * inline` definition (CONFIG_MMU_NOTIFIER) and the `#define` stub
 * (!CONFIG_MMU_NOTIFIER). `complete` says the whole header was seen (a tree),
 * so a variant that is absent is an error too.
 */
export function checkHeaderVariants(header: readonly RangeInit[], to: Generation, file: string, complete: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const variants: [RangeInit['kind'], string][] = [
    ['definition', 'static inline definition (CONFIG_MMU_NOTIFIER)'],
    ['macro', '#define stub (!CONFIG_MMU_NOTIFIER)'],
  ];
  const seen = header.filter((r) => r.callee === RANGE_INIT);
  for (const [kind, label] of variants) {
    const mine = seen.filter((r) => r.kind === kind);
    for (const r of mine.filter((x) => x.generation !== to)) {
      out.push({
        file: r.file,
        line: r.line,
        severity: 'error',
        code: CODES.headerVariant,
        message: `the ${label} of mmu_notifier_range_init declares the ${r.generation} form (${r.args.length} parameters), not ${to}`,
      });
    }
    if (mine.length === 0 && (complete || seen.length > 0)) {
      out.push({ file, severity: 'error', code: CODES.headerVariant, message: `the ${label} of mmu_notifier_range_init is not updated to the ${to} form` });
    }
  }
  return out;
}
