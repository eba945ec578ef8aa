/** The enumerators of `enum mmu_notifier_event { ... }` in a header's text, if it declares it. */
export function readEnumerators(text: string): string[] | undefined {
  const m = /enum\s+mmu_notifier_event\s*\{([^}]*)\}/.exec(text.replace(/\/\*[\s\S]*?\*\//g, ' '));
  if (!m) return undefined;
  return [...m[1]!.matchAll(/\b(MMU_NOTIFY_\w+)\b/g)].map((x) => x[1]!);
}
