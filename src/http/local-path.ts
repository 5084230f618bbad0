/**
 * A path on this site to send someone back to, or undefined: "/members?page=2" is one;
 * "//evil.example", "/\\evil.example", "https://evil.example", a path with white space, control
 * characters or backslashes, or longer than `maxLength` is not (an open redirect, a header split).
 */
export function localPath(value: unknown, maxLength = 2000): string | undefined {
  if (typeof value !== "string" || value.length > maxLength) return undefined;
  if (!/^\/(?![/\\])/.test(value) || /[\\\p{Cc}\s]/u.test(value)) return undefined;
  return value;
}
