// The server as `npm start` runs it (scripts/start.mjs: the bundle, built first when the sources
// changed), in a child process on 127.0.0.1 and a port of the OS's choosing, for the tests of the
// real entry point.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after } from "node:test";

const ROOT = join(import.meta.dirname, "..", "..");
const started = new Set<ReturnType<typeof spawn>>();
// A test that fails before it stops its server must not leave it running (nor the test file
// waiting for it).
after(() => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
});

export interface StartedServer {
  child: ReturnType<typeof spawn>;
  exited: Promise<number | null>;
  /** Standard output and error so far. */
  output: () => string;
  /** The address it listens at, once it does; throws with its output if it does not. */
  listening: () => Promise<string>;
}

export function startServer(env: Record<string, string>): StartedServer {
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  // "close" rather than "exit": its output is read to the end by then (the clue on a failure).
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => resolve(code)),
  );
  const listening = async () => {
    // Building the bundle first takes a few seconds, more on a busy machine.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const url = output.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (url) return url;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server did not start:\n${output}`);
  };
  return { child, exited, output: () => output, listening };
}
