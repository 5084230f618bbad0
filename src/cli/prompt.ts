// Where a new admin's password comes from. Prompts go to stderr so stdout stays clean for
// scripts; the password itself is never written anywhere.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { CliError } from "./errors.js";
import { checkPassword, generatePassword } from "./password.js";

/** The first line of a stream, without its line ending; undefined when the stream is empty. */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  try {
    for await (const line of lines) return line;
    return undefined;
  } finally {
    lines.close();
  }
}

/** Asks a question on a terminal without echoing the answer. */
export function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  // readline echoes what is typed to its output; giving it one that discards writes hides the
  // answer while keeping line editing (backspace, etc.).
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: discard, terminal: true });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      process.stderr.write("\n");
      rl.close();
      outcome();
    };
    rl.once("line", (line) => finish(() => resolve(line)));
    rl.once("SIGINT", () => finish(() => reject(new CliError("cancelled"))));
    rl.once("close", () => finish(() => reject(new CliError("no password entered"))));
  });
}

export interface ObtainedPassword {
  password: string;
  /** True when cfa made the password up, and so must show it once. */
  generated: boolean;
}

/** One line of stdin when asked to, else a hidden prompt on a terminal, else a generated one. */
export async function obtainPassword(fromStdin: boolean): Promise<ObtainedPassword> {
  let password: string;
  if (fromStdin) {
    const line = await readFirstLine(process.stdin);
    if (!line) throw new CliError("--password-stdin: no password on standard input");
    password = line;
  } else if (process.stdin.isTTY) {
    password = await promptHidden("Password: ");
    checkPassword(password);
    if ((await promptHidden("Repeat the password: ")) !== password) {
      throw new CliError("the passwords do not match");
    }
  } else {
    return { password: generatePassword(), generated: true };
  }
  checkPassword(password);
  return { password, generated: false };
}
