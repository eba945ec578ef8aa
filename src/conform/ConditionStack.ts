/** The `#if` conditions around the current line, read from directives. */
export class ConditionStack {
  private readonly stack: string[] = [];

  directive(text: string): void {
    const m = /^#\s*(ifdef|ifndef|if|elif|else|endif)\b\s*(.*)$/.exec(text);
    if (!m) return;
    const [, kind, rest] = m;
    const cond = (rest ?? '').trim();
    if (kind === 'ifdef') this.stack.push(cond);
    else if (kind === 'ifndef') this.stack.push(`!${cond}`);
    else if (kind === 'if') this.stack.push(cond);
    else if (kind === 'elif') this.replaceTop(cond);
    else if (kind === 'else') {
      const top = this.stack[this.stack.length - 1];
      if (top !== undefined) this.replaceTop(/^!\w+$/.test(top) ? top.slice(1) : /^\w+$/.test(top) ? `!${top}` : `!(${top})`);
    } else this.stack.pop();
  }

  current(): string[] {
    return [...this.stack];
  }

  private replaceTop(cond: string): void {
    if (this.stack.length > 0) this.stack[this.stack.length - 1] = cond;
  }
}
