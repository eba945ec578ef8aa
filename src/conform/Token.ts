/** One C token. Comments are dropped; a preprocessor directive is one `pp` token. */
export type TokenKind = 'id' | 'num' | 'str' | 'char' | 'punct' | 'pp';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based line of the token's first character. */
  readonly line: number;
}
