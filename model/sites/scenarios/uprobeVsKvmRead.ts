/**
 * Site #2 (kernel/events/uprobes.c:__replace_page), litmus: a uprobe is
 * installed in a private text page (the page is replaced by an anonymous
 * copy holding the breakpoint, mmap_sem held for write) while a KVM guest
 * reads the page through its spte (a re-fault goes through gup, which waits
 * for mmap_sem).
 * Expected: ok. The KVM start drops the spte to the old page; the next guest
 * read faults in the new page.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'uprobe-vs-kvm-read',
  description: 'uprobe_write_opcode/__replace_page (#2) on a private file page vs a KVM guest read through the spte',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  files: [1],
  mms: [{ vmas: [{ name: 'text', start: 0, end: 1, prot: 'r', file: 0 }], mappings: [{ addr: 0 }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'uprobe', op: 'uprobe_write_opcode', args: { mm: 0, addr: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
