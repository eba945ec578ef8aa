/**
 * Address arithmetic in page units (x86-64's pgd/p4d/pud/pmd/pte walk, folded
 * to three levels with small tables). A PUD entry covers
 * `ptesPerTable * pmdsPerTable` pages; the address space has `puds` of them.
 */
export interface Geometry {
  readonly ptesPerTable: number;
  readonly pmdsPerTable: number;
  readonly puds: number;
}

/** Pages in the address space. */
export const pages = (g: Geometry): number => g.ptesPerTable * g.pmdsPerTable * g.puds;
/** Pages covered by one PMD entry (HPAGE_PMD_NR). */
export const pmdSize = (g: Geometry): number => g.ptesPerTable;
/** Pages covered by one PUD entry (PUD_SIZE / PAGE_SIZE). */
export const pudSize = (g: Geometry): number => g.ptesPerTable * g.pmdsPerTable;
export const pudIndex = (g: Geometry, addr: number): number => Math.floor(addr / pudSize(g));
export const pmdIndex = (g: Geometry, addr: number): number => Math.floor(addr / g.ptesPerTable) % g.pmdsPerTable;
export const pteIndex = (g: Geometry, addr: number): number => addr % g.ptesPerTable;
/** pmd_addr_end: the end of the PMD entry containing addr, capped at end. */
export const pmdAddrEnd = (g: Geometry, addr: number, end: number): number => Math.min(end, (Math.floor(addr / g.ptesPerTable) + 1) * g.ptesPerTable);
/** pud_addr_end */
export const pudAddrEnd = (g: Geometry, addr: number, end: number): number => Math.min(end, (pudIndex(g, addr) + 1) * pudSize(g));
