/**
 * Breaks `text` at spaces into lines of at most `width` characters; lines
 * after the first start with `hang` spaces. A word longer than a line is cut, after a comma when it has one.
 */
export function wrapWords(text: string, width: number, hang = 0): string[] {
  const lines: string[] = [];
  let line = '';
  const room = () => width - (lines.length === 0 ? 0 : hang);
  const flush = () => {
    lines.push((lines.length === 0 ? '' : ' '.repeat(hang)) + line);
    line = '';
  };
  for (let word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > room()) flush();
    while (word.length > room() - line.length - (line === '' ? 0 : 1) && room() > 0) {
      const fits = room() - line.length - (line === '' ? 0 : 1);
      const comma = word.lastIndexOf(',', fits - 1) + 1; // rather after a comma of a list
      const cut = comma > 0 ? comma : fits;
      if (cut <= 0) {
        flush();
        continue;
      }
      line += (line === '' ? '' : ' ') + word.slice(0, cut);
      word = word.slice(cut);
      flush();
    }
    line += (line === '' ? '' : ' ') + word;
  }
  if (line !== '' || lines.length === 0) flush();
  return lines;
}
