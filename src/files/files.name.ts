// A file's name as its sender gave it, made safe to show and to send back in Content-Disposition.
// It is never a path on disk (files are stored by key): what is removed here is what could make a
// name lie or break a header, not what could reach the file system.

/** The longest name kept, in characters (the extension is kept when a name is cut). */
export const NAME_MAX = 120;

/**
 * The name without any folder ("../../etc/passwd" → "passwd", "C:\\x\\y.pdf" → "y.pdf"), control
 * and format characters (bidirectional overrides turn "fdp.exe" into what reads as "exe.pdf"),
 * quotes, slashes and the characters Windows refuses in names; Unicode letters kept, spaces
 * collapsed, leading dots dropped (no hidden files), at most NAME_MAX characters. `fallback`
 * when nothing is left.
 */
export function safeFileName(name: string, fallback = "file"): string {
  const last = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = last
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/["'`<>:*?|]/g, "")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^[.\s]+/u, "")
    .replace(/[.\s]+$/u, "");
  if (cleaned === "") return fallback;
  const characters = [...cleaned];
  if (characters.length <= NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 16) return characters.slice(0, NAME_MAX).join("").trimEnd();
  const base = characters
    .slice(0, NAME_MAX - extension.length)
    .join("")
    .trimEnd();
  return `${base}${extension.join("")}`;
}

/** The name with `extension` (from the file's real kind) in place of whatever it ended with. */
export function withExtension(name: string, extension: string): string {
  const safe = safeFileName(name);
  const dot = safe.lastIndexOf(".");
  const base = dot > 0 ? safe.slice(0, dot) : safe;
  return safeFileName(`${base}.${extension}`);
}

/** RFC 5987 `attr-char`s pass; every other byte of the UTF-8 name is percent-encoded. */
const encodeExtValue = (name: string) =>
  encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * A Content-Disposition header value (RFC 6266): `filename` in plain ASCII for every client, and
 * when the name is not ASCII, `filename*` with its UTF-8 (RFC 5987), which clients prefer.
 */
export function contentDisposition(
  disposition: "inline" | "attachment",
  name: string,
  fallback = "file",
): string {
  const safe = safeFileName(name, fallback);
  // Accents dropped where a letter has a plain form ("Guía" → "Guia"), other characters "_".
  const ascii = safe
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/[\\%]/g, "_");
  if (ascii === safe) return `${disposition}; filename="${safe}"`;
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(safe)}`;
}
