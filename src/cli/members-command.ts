// `cfa members import|export`: the roster as CSV (members/roster/ does the work). Output
// goes through an Io so the tests can run the commands in-process on their own database.
import { readFile, stat, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import {
  applyRosterImport,
  exportRoster,
  MAX_FILE_BYTES,
  previewRosterImport,
  RosterImportError,
  type RosterPreview,
  showValue,
} from "../members/index.js";
import { withDatabase } from "./database.js";
import { CliError } from "./errors.js";

export interface MembersIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: the progress line is drawn only there. */
  stderrIsTTY: boolean;
  /** Runs `work` on the configured database, migrated and holding the Census geographies. */
  withDb<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T>;
}

const defaultIo: MembersIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  withDb: (work) => withDatabase({}, ({ db }) => work(db)),
};

/** Writes below this many rows finish too fast for a progress line to help. */
const PROGRESS_FROM = 100;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the import would do, and every problem, one per line. */
export function describePreview(file: string, preview: RosterPreview): string {
  const lines: string[] = [];
  if (preview.fileProblem) {
    lines.push(`${file} cannot be imported:`);
  } else {
    const count = (action: string) => preview.rows.filter((r) => r.action === action).length;
    lines.push(
      `${file}: ${plural(preview.total, "row")}: ${count("insert")} new, ${count("update")} to update, ` +
        `${count("unchanged")} unchanged, ${preview.badLines.length} with problems`,
    );
    for (const column of preview.ignoredColumns)
      lines.push(`  column ${showValue(column)} is not part of the roster format; ignored`);
  }
  for (const p of preview.problems) {
    const where = p.line === 0 ? "file" : `line ${p.line}`;
    lines.push(`  ${where}${p.field ? `, ${p.field}` : ""}: ${p.message}`);
  }
  for (const row of preview.rows.filter((r) => r.action === "update")) {
    const { geoid, name, state } = row.values;
    lines.push(`  line ${row.line}: update ${geoid} ${name}, ${state} (${row.changes.join(", ")})`);
  }
  return `${lines.join("\n")}\n`;
}

async function readRosterFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    // Checked before reading: the limit is also what keeps a wrong file from filling memory.
    const { size } = await stat(file);
    if (size > MAX_FILE_BYTES) {
      throw new CliError(
        `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; a roster file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
      );
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new CliError(
      `${file} is not UTF-8 text; save it as CSV UTF-8 (in Excel: “CSV UTF-8 (Comma delimited)”)`,
      { cause: error },
    );
  }
}

/** A "\rwriting 120/500" line on a terminal's stderr, redrawn at most every 100 ms. */
function progressLine(io: MembersIo, rows: number) {
  if (!io.stderrIsTTY || rows < PROGRESS_FROM) return { update: undefined, end() {} };
  let last = 0;
  return {
    update(done: number, total: number) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      io.stderr(`\rwriting ${done}/${total}`);
    },
    end() {
      io.stderr("\r\x1b[K");
    },
  };
}

interface ImportFlags {
  skipBadRows?: boolean;
  dryRun?: boolean;
}

async function importCommand(io: MembersIo, file: string, flags: ImportFlags): Promise<void> {
  const text = await readRosterFile(file);
  const skipBadRows = flags.skipBadRows === true;
  await io.withDb(async (db) => {
    const preview = await previewRosterImport(db, text);
    io.stdout(describePreview(file, preview));
    if (preview.fileProblem) throw new CliError(`${file} was not imported; nothing was written`);
    const bad = preview.badLines.length;
    if (bad > 0 && !skipBadRows) {
      throw new CliError(
        `${plural(bad, "row")} ${bad === 1 ? "has" : "have"} problems (listed above); nothing was written. ` +
          "Correct the file, or use --skip-bad-rows to import the other rows",
      );
    }
    if (flags.dryRun) {
      io.stdout(
        `dry run: nothing written${bad > 0 ? `; ${plural(bad, "row")} would be skipped` : ""}\n`,
      );
      return;
    }
    const writes = preview.rows.filter((r) => r.action !== "unchanged").length;
    const progress = progressLine(io, writes);
    let outcome: Awaited<ReturnType<typeof applyRosterImport>>;
    try {
      outcome = await applyRosterImport(db, preview, {
        skipBadRows,
        onProgress: progress.update,
      });
    } catch (error) {
      if (error instanceof RosterImportError) throw new CliError(error.message, { cause: error });
      throw error;
    } finally {
      progress.end();
    }
    io.stdout(
      `imported ${file}: ${outcome.inserted} added, ${outcome.updated} updated, ` +
        `${outcome.unchanged} unchanged, ${outcome.skipped} skipped\n`,
    );
  });
}

async function exportCommand(io: MembersIo, output: string | undefined): Promise<void> {
  const { csv, count } = await io.withDb(exportRoster);
  if (!output) return io.stdout(csv);
  await writeFile(output, csv);
  io.stdout(`exported ${plural(count, "jurisdiction")} to ${output}\n`);
}

/** Adds `members import <file> [--skip-bad-rows] [--dry-run]` and `members export [-o file]`. */
export function registerMembersCommand(program: Command, io: MembersIo = defaultIo): Command {
  const members = program
    .command("members")
    .description("import and export the coalition roster as CSV");

  members
    .command("import")
    .description(
      "check a roster CSV, then add its new jurisdictions and update those already on the roster (by GEOID), all or nothing",
    )
    .argument("<file>", "the CSV file (columns as written by `cfa members export`)")
    .option("--skip-bad-rows", "import the rows without problems and skip the others")
    .option("--dry-run", "check the file and show what would change; write nothing")
    .action((file: string, flags: ImportFlags) => importCommand(io, file, flags));

  members
    .command("export")
    .description("write the roster as CSV, ordered by state and name")
    .option("-o, --output <file>", "write to this file instead of standard output")
    .action((options: { output?: string }) => exportCommand(io, options.output));

  return members;
}
