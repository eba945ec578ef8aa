/**
 * Every `enum mmu_notifier_event` enumerator in mainline history
 * (include/linux/mmu_notifier.h): v5.2 added the first five, v5.9 RELEASE
 * and MIGRATE, v5.14 EXCLUSIVE. Used when the scanned input does not show
 * the enum itself (a tree's header wins).
 */
export const KNOWN_EVENTS: readonly string[] = [
  'MMU_NOTIFY_UNMAP',
  'MMU_NOTIFY_CLEAR',
  'MMU_NOTIFY_PROTECTION_VMA',
  'MMU_NOTIFY_PROTECTION_PAGE',
  'MMU_NOTIFY_SOFT_DIRTY',
  'MMU_NOTIFY_RELEASE',
  'MMU_NOTIFY_MIGRATE',
  'MMU_NOTIFY_EXCLUSIVE',
];
