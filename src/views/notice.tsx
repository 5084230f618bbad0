/** A one-line USWDS alert: an error is announced at once (alert), anything else politely (status). */
export function Notice({ kind, text }: { kind: "success" | "error" | "info"; text: string }) {
  return (
    <div
      class={`usa-alert usa-alert--${kind} usa-alert--slim`}
      role={kind === "error" ? "alert" : "status"}
    >
      <div class="usa-alert__body">
        <p class="usa-alert__text" safe>
          {text}
        </p>
      </div>
    </div>
  );
}
