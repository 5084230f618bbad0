/** The attribute that marks a page's error (`errorFocus`); http/render.ts looks for it. */
export const ERROR_MARK = "data-cfa-error";

/**
 * What makes an element the page's error: the one alert of the page, focused on load. Without
 * script, `autofocus` on an element made focusable (tabindex="-1") moves the focus there, so a
 * keyboard or screen reader user who sent a form starts at what went wrong, and hears it once
 * (field messages are not alerts). The mark comes first, so `<div data-cfa-error` starts the
 * element: text on a page is escaped and never contains "<".
 */
export const errorFocus = {
  [ERROR_MARK]: true,
  role: "alert",
  tabindex: "-1",
  autofocus: true,
} as const;

/** The start of an element marked by `errorFocus`, as rendered. */
export const ERROR_ELEMENT_START = `<div ${ERROR_MARK} `;

/**
 * A one-line USWDS alert: an error is the page's error (`errorFocus`: an alert, focused), anything
 * else is said politely (status).
 */
export function Notice({ kind, text }: { kind: "success" | "error" | "info"; text: string }) {
  const announce = kind === "error" ? errorFocus : { role: "status" };
  return (
    <div {...announce} class={`usa-alert usa-alert--${kind} usa-alert--slim`}>
      <div class="usa-alert__body">
        <p class="usa-alert__text" safe>
          {text}
        </p>
      </div>
    </div>
  );
}
