import { describe, expect, it } from 'vitest';
import { findRangeInits } from '../../src/conform/findRangeInits.js';
import { tokenizeC } from '../../src/conform/tokenizeC.js';

const find = (src: string) => findRangeInits(tokenizeC(src), { file: 'mm/x.c' });

const SRC = `
static int f(struct vm_area_struct *vma, struct mm_struct *mm, unsigned long a)
{
	struct mmu_notifier_range range;
	/* mmu_notifier_range_init(&range, mm, 0, 1); in a comment */
	const char *s = "mmu_notifier_range_init(";
	if (a) {
		struct vm_area_struct *prev, *next = NULL;
		mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, /* the vma */ vma,
					mm, a & PAGE_MASK,
					min(vma->vm_end, (a & PAGE_MASK) + (PAGE_SIZE << order(p))));
	}
#ifdef CONFIG_FOO
	mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, 0, NULL, mm, 0, -1UL);
#else
	mmu_notifier_range_init(&range, mm, 0, -1UL);
#endif
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		mmu_notifier_range_init_owner(&range, MMU_NOTIFY_MIGRATE, 0, v, mm, 0, 1, owner);
	mmu_notifier_invalidate_range_start(&range);
	return 0;
}
`;

describe('findRangeInits', () => {
  const { inits, bare } = find(SRC);

  it('finds calls split across lines, with comments and nested parentheses, in #ifdef branches; not in comments or strings', () => {
    expect(inits.map((r) => [r.line, r.kind, r.generation, r.args.length])).toEqual([
      [9, 'call', 'v5.2', 7],
      [14, 'call', 'v5.2', 7],
      [16, 'call', 'v5.0', 4],
      [19, 'call', 'v5.2', 8],
    ]);
    expect(inits[0]!.endLine).toBe(11);
    expect(inits[0]!.named).toEqual({
      range: '&range',
      event: 'MMU_NOTIFY_CLEAR',
      flags: '0',
      vma: 'vma',
      mm: 'mm',
      start: 'a & PAGE_MASK',
      end: 'min(vma->vm_end, (a & PAGE_MASK) + (PAGE_SIZE << order(p)))',
    });
    expect(inits[3]!.named.owner).toBe('owner');
    expect(inits[1]!.conditions).toEqual(['CONFIG_FOO']);
    expect(inits[2]!.conditions).toEqual(['!CONFIG_FOO']);
  });

  it('knows the enclosing function and the vmas in scope (params, block locals, for-loop declarations)', () => {
    expect(inits.every((r) => r.function === 'f')).toBe(true);
    expect(inits[0]!.vmaInScope).toEqual(['vma', 'prev', 'next']);
    expect(inits[1]!.vmaInScope).toEqual(['vma']); // the block's locals are gone
    expect(inits[3]!.vmaInScope).toEqual(['vma', 'v']);
    expect(inits[0]!.namesInScope).toEqual(expect.arrayContaining(['vma', 'mm', 'a', 'range', 's', 'prev', 'next']));
    expect(inits[0]!.scopeComplete).toBe(true);
    expect(bare).toEqual([]);
  });

  it('separates the static inline definition, a prototype, the #define stub and a forwarding call', () => {
    const { inits: h } = find(`
static inline void mmu_notifier_range_init(struct mmu_notifier_range *range,
	struct mm_struct *mm, unsigned long start, unsigned long end)
{
	range->start = start;
}
void mmu_notifier_range_init_owner(struct mmu_notifier_range *range, enum mmu_notifier_event event,
	unsigned int flags, struct vm_area_struct *vma, struct mm_struct *mm, unsigned long start, unsigned long end, void *owner);
static inline void mmu_notifier_range_init_owner(struct mmu_notifier_range *range, enum mmu_notifier_event event,
	unsigned int flags, struct vm_area_struct *vma, struct mm_struct *mm, unsigned long start, unsigned long end, void *owner)
{
	mmu_notifier_range_init(range, event, flags, vma, mm, start, end);
}
#define mmu_notifier_range_init(range, event, vma, mm, start, end) \\
	_mmu_notifier_range_init(range, start, end)
`);
    expect(h.map((r) => [r.kind, r.callee, r.generation])).toEqual([
      ['definition', 'mmu_notifier_range_init', 'v5.0'],
      ['prototype', 'mmu_notifier_range_init_owner', 'v5.2'],
      ['definition', 'mmu_notifier_range_init_owner', 'v5.2'],
      ['forward', 'mmu_notifier_range_init', 'v5.2'],
      ['macro', 'mmu_notifier_range_init', 'seed'],
    ]);
  });

  it('tells the seed (vma third) from the v6.3 form (flags third) by the arguments', () => {
    const { inits: s } = find(
      'void g(void) { mmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, vma, mm, 0, 1); mmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, 0, mm, 0, 1); }',
    );
    expect(s.map((r) => r.generation)).toEqual(['seed', 'v6.3']);
    expect(s[1]!.named.vma).toBeUndefined();
  });

  it('reports ranges built without the helper', () => {
    const { bare: b } = find(`
void h(struct mm_struct *mm)
{
	struct mmu_notifier_range range = { .mm = mm, .start = 0, .end = -1UL };
	mmu_notifier_invalidate_range_start(&range);
}
void k(struct mm_struct *mm)
{
	struct mmu_notifier_range r2;
	r2.start = 0;
	mmu_notifier_invalidate_range_start(&r2);
}
void ok(struct mmu_notifier_range *range) { mmu_notifier_invalidate_range_start(range); }
`);
    expect(b.map((x) => [x.function, x.line])).toEqual([
      ['h', 4],
      ['k', 11],
    ]);
  });

  it('a truncated call (end of text) is marked and has no generation', () => {
    const { inits: t } = find('void g(void) { mmu_notifier_range_init(&r, mm,');
    expect(t[0]).toMatchObject({ truncated: true, generation: 'unknown' });
  });
});
