// Data shown in the page's words where we can, and as stored (marked lang="en") where we cannot;
// and messages whose placeholders hold such elements rather than plain text.
import { escapeHtml } from "@kitajs/html";
import type { PageContext } from "./page-context.js";

/** Text to show, and whether it is English data shown as stored (see members/names.ts). */
export interface ShownText {
  text: string;
  english: boolean;
}

/** The text, in a span marked lang="en" when it is English data on a page in another language. */
export function Shown({ ctx, value }: { ctx: PageContext; value: ShownText }) {
  if (value.english && ctx.locale.tag !== "en") {
    return (
      <span lang="en" safe>
        {value.text}
      </span>
    );
  }
  return <>{escapeHtml(value.text)}</>;
}

// Private-use characters: never in a catalog message nor in the values we format.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const SLOT = /\uE000(\w+)\uE001/;

/**
 * A translated message with elements in its placeholders: `format` is called with a marker for
 * each slot (pass them as the message's values), and each marker is replaced by its element.
 * The message's own text is escaped.
 */
export function richMessage(
  format: (markers: Record<string, string>) => string,
  slots: Record<string, JSX.Element>,
): JSX.Element {
  const markers = Object.fromEntries(Object.keys(slots).map((k) => [k, `${OPEN}${k}${CLOSE}`]));
  const pieces = format(markers).split(SLOT);
  const parts: JSX.Element[] = pieces.map((piece, i) =>
    i % 2 === 0 ? escapeHtml(piece) : (slots[piece] ?? ""),
  );
  return <>{parts}</>;
}
