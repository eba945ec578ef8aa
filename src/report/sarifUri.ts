/** A relative file path as a SARIF `uri` (RFC 3986 uri-reference): each segment percent-encoded (`mm/my file.c` -> `mm/my%20file.c`). */
export function sarifUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
