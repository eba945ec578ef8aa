/**
 * Text from the input (file names, C expressions) made safe for a terminal:
 * control characters (ESC and the rest of C0, DEL, C1) become `\xNN`, so a
 * patch cannot inject terminal escape sequences into the report. Newlines
 * and tabs are kept only with `keepLines` (multi-line blocks mnc writes).
 */
export function visibleText(s: string, keepLines = false): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it escapes
  const control = keepLines ? /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g : /[\x00-\x1f\x7f-\x9f]/g;
  return s.replace(control, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
