import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { CATALOG, siteById } from '../../model/sites/catalog.js';
import type { MmState, NotifierRange } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import { BASELINES } from '../../properties/mutants/baselines.js';
import { catalogVmaNotes, nullVmaNote } from '../../properties/vmaNotes.js';

describe('NULL-vma notes', () => {
  it('lists the seed sites that pass NULL with a vma expression in scope', () => {
    const notes = catalogVmaNotes(CATALOG);
    expect(notes.map((n) => n.split(' ')[1])).toEqual(['#1', '#11', '#22', '#23']);
    expect(notes[1]).toBe('site #11 mm/khugepaged.c:collapse_huge_page passes a NULL vma while vma is in scope');
  });
  it('names the in-scope vma that contains a NULL-vma range, and nothing when none does', () => {
    const s0 = buildMmModel(BASELINES['dontneed-vs-kvm-fault']!).initialStates()[0]!;
    const range = (start: number, end: number, vma: number | null): NotifierRange => ({
      site: '17',
      mm: 0,
      start,
      end,
      event: 'MMU_NOTIFY_CLEAR',
      vma,
      blockable: true,
      phase: 'starting',
      err: 0,
      subs: [],
    });
    const s = produce(s0, (d: MmState) => {
      (d.threads[0]!.frames as { prog: string; pc: string; locals: Record<string, number> }[]).push({ prog: 'zap_page_range', pc: 'x', locals: { vma: 0 } });
    });
    expect(nullVmaNote(s, 0, range(0, 2, null), siteById(17))).toMatch(
      /site=dontneed\/#17: range \[0,2\) MMU_NOTIFY_CLEAR vma=NULL passes NULL although 'vma' \(vma 0\) in zap_page_range contains it/,
    );
    expect(nullVmaNote(s, 0, range(0, 3, null), siteById(17))).toBeUndefined();
    expect(nullVmaNote(s, 0, range(0, 2, 0), siteById(17))).toBeUndefined();
  });
});
