/**
 * A problem the operator can fix (bad input, refused action). cfa prints its message alone,
 * without a stack trace, because it is the whole explanation.
 */
export class CliError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CliError";
  }
}

/** Quotes operator-supplied text for messages, so control characters cannot reach the terminal. */
export function quote(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
