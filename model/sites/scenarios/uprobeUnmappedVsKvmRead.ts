/**
 * Site #2 (kernel/events/uprobes.c:__replace_page), litmus: a uprobe is
 * written into a text page that was never faulted in, while a KVM guest
 * reads it. uprobe_write_opcode's get_user_pages_remote (FOLL_FORCE |
 * FOLL_SPLIT) faults the file page in first (faultin_page), the path no
 * other scenario runs; then __replace_page swaps in the new page under
 * #2's range. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'uprobe-unmapped-vs-kvm-read',
  description: 'uprobe_write_opcode faulting the text page in, then __replace_page (#2), vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  files: [1],
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'r', file: 0 }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [] }],
  threads: [
    { name: 'uprobe', op: 'uprobe_write_opcode', args: { mm: 0, addr: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
