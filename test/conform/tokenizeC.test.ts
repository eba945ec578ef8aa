import { describe, expect, it } from 'vitest';
import { tokenizeC } from '../../src/conform/tokenizeC.js';

describe('tokenizeC', () => {
  it('drops comments, keeps literals whole, counts lines', () => {
    const src = 'a /* x\n y */ b // c mmu_notifier_range_init(\n"s\\"(" \'(\' c';
    const t = tokenizeC(src);
    expect(t.map((x) => [x.kind, x.text, x.line])).toEqual([
      ['id', 'a', 1],
      ['id', 'b', 2],
      ['str', '"s\\"("', 3],
      ['char', "'('", 3],
      ['id', 'c', 3],
    ]);
  });

  it('folds a directive with continuations into one pp token', () => {
    const t = tokenizeC('#define f(a, b) \\\n\tg(a) /* c */\nx');
    expect(t[0]).toEqual({ kind: 'pp', text: '#define f(a, b) g(a)', line: 1 });
    expect(t[1]).toEqual({ kind: 'id', text: 'x', line: 3 });
  });

  it('reads multi-character operators and numbers', () => {
    expect(tokenizeC('p->q <<= -1UL ... 0x1fULL').map((x) => x.text)).toEqual(['p', '->', 'q', '<<=', '-', '1UL', '...', '0x1fULL']);
  });

  it('never throws on unterminated comments and literals', () => {
    expect(tokenizeC('a /* never closed').map((x) => x.text)).toEqual(['a']);
    expect(tokenizeC('"open\nb').map((x) => x.kind)).toEqual(['str', 'id']);
  });

  it('a # that does not start a line is punctuation', () => {
    expect(tokenizeC('a # b').map((x) => x.kind)).toEqual(['id', 'punct', 'id']);
  });
});
