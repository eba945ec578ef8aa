/**
 * enum mmu_notifier_event (include/linux/mmu_notifier.h, v5.2 names), in the
 * kernel's order: the one list of events (the site catalog, the scenario
 * schema, `--override` and the conformance gate's model check read it).
 */
export const NOTIFIER_EVENTS = [
  'MMU_NOTIFY_UNMAP',
  'MMU_NOTIFY_CLEAR',
  'MMU_NOTIFY_PROTECTION_VMA',
  'MMU_NOTIFY_PROTECTION_PAGE',
  'MMU_NOTIFY_SOFT_DIRTY',
] as const;

export type NotifierEvent = (typeof NOTIFIER_EVENTS)[number];

export const isNotifierEvent = (s: string): s is NotifierEvent => (NOTIFIER_EVENTS as readonly string[]).includes(s);
