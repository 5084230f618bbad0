// The operator's command line. Only wiring and messages live here; the work is done by the
// modules beside it, which the tests call directly.
import { writeFile } from "node:fs/promises";
import { Command } from "commander";
import { demoAccountsOption, describeDemoAccounts } from "../accounts/index.js";
import { ConfigError, loadConfig } from "../config/config.js";
import { rebuildSearchIndex } from "../search/index.js";
import { SEARCH_SOURCES } from "../search-sources.js";
import { seedDemo } from "../seed-demo.js";
import { registerCensusCommand } from "./census-command.js";
import { createAdmin, validateAdminIdentity } from "./create-admin.js";
import { describeDatabase, type OpenOptions, withDatabase } from "./database.js";
import { exportData, importData, readDumpFile, serializeDump } from "./export-import.js";
import { registerMembersCommand } from "./members-command.js";
import { obtainPassword } from "./prompt.js";

const program = new Command("cfa")
  .description("Cities for Action operator tool")
  .showHelpAfterError("(run cfa --help for usage)")
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, "cfa: ")) });

// migrate and seed list what they loaded with the migrations they applied.
const quietMigrate: OpenOptions = { migrate: true, notice: () => {} };

program
  .command("migrate")
  .description("bring the database schema up to date and load the shipped Census snapshots")
  .action(() =>
    withDatabase(quietMigrate, async (_database, { settings, migrations, snapshots }) => {
      console.log(`${describeDatabase(settings)}:`);
      const lines = [
        ...migrations.map((m) => `  applied ${m}`),
        ...snapshots.map((file) => `  loaded Census snapshot ${file}`),
      ];
      console.log(lines.length ? lines.join("\n") : "  already up to date");
    }),
  );

program
  .command("seed")
  .description("migrate, then add demo content to an empty database")
  .action(() =>
    withDatabase(quietMigrate, async ({ db }, { settings, migrations, snapshots }) => {
      for (const m of migrations) console.log(`applied migration ${m}`);
      for (const file of snapshots) console.log(`loaded Census snapshot ${file}`);
      const config = loadConfig();
      // Demo accounts have published passwords: never in production, nor for a public address
      // unless DEMO_ACCOUNTS=true.
      const demo = demoAccountsOption(config);
      const seed = await seedDemo(db, { accounts: demo.accounts });
      if (seed.seeded && demo.warning) console.warn(demo.warning);
      console.log(
        seed.seeded
          ? `seeded ${describeDatabase(settings)}: ${seed.members} demo members, ${seed.blocks} content blocks, ${seed.accounts.length} demo accounts`
          : `${describeDatabase(settings)} already has content; nothing seeded`,
      );
      if (seed.seeded) console.log(describeDemoAccounts(seed.accounts));
      if (seed.seeded) await rebuildSearchIndex(db, SEARCH_SOURCES);
    }),
  );

program
  .command("create-admin")
  .description("create a coalition admin account")
  .requiredOption("--email <email>", "the admin's e-mail address (their sign-in name)")
  .requiredOption("--name <name>", "the admin's full name, 1 to 120 characters")
  .option("--password-stdin", "read the password from the first line of standard input")
  .action(async (options: { email: string; name: string; passwordStdin?: boolean }) => {
    const identity = validateAdminIdentity(options);
    const { password, generated } = await obtainPassword(options.passwordStdin === true);
    const admin = await withDatabase({}, ({ db }) => createAdmin(db, { ...identity, password }));
    console.log(`created coalition admin ${admin.email} (${admin.id})`);
    if (generated) console.log(`generated password, shown only this once: ${password}`);
    console.log(
      "At first sign-in they set up two-step verification: coalition admins need it for the admin pages.",
    );
  });

program
  .command("export")
  .description("dump all content as JSON (users without passwords)")
  .option("-o, --output <file>", "write to this file instead of standard output")
  .action((options: { output?: string }) =>
    withDatabase({}, async (database) => {
      const dump = await exportData(database.db);
      if (!options.output) return void process.stdout.write(serializeDump(dump));
      // The dump holds people's names and e-mail addresses: readable by its owner only.
      await writeFile(options.output, serializeDump(dump), { mode: 0o600 });
      const counts = Object.entries(dump.tables).map(([t, rows]) => `${rows.length} ${t}`);
      console.log(`exported ${counts.join(", ")} to ${options.output}`);
    }),
  );

program
  .command("import")
  .description("load a file written by `cfa export`, all or nothing")
  .argument("<file>", "the export file")
  .option("--replace", "delete the rows of the imported tables first")
  .action(async (file: string, options: { replace?: boolean }) => {
    const dump = await readDumpFile(file);
    const outcome = await withDatabase({}, ({ db }) =>
      importData(db, dump, { replace: options.replace === true }),
    );
    for (const [table, rows] of Object.entries(outcome.deleted))
      console.log(`deleted ${rows} ${table}`);
    for (const [table, rows] of Object.entries(outcome.inserted))
      console.log(`imported ${rows} ${table}`);
    for (const table of outcome.skipped) {
      console.log(
        `skipped ${table}: accounts are never imported (the export has no password hashes)`,
      );
    }
    // The import wrote rows past the services that keep search true: it is rebuilt from them.
    const indexed = await withDatabase({}, ({ db }) => rebuildSearchIndex(db, SEARCH_SOURCES));
    console.log(`rebuilt the search index: ${indexed} documents`);
  });

program
  .command("search-rebuild")
  .description("rebuild the search index from everything published (one transaction)")
  .action(() =>
    withDatabase({}, async ({ db }, { settings }) => {
      const started = Date.now();
      const indexed = await rebuildSearchIndex(db, SEARCH_SOURCES);
      console.log(
        `${describeDatabase(settings)}: ${indexed} documents indexed in ${Date.now() - started} ms`,
      );
    }),
  );

registerCensusCommand(program);
registerMembersCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  // exitCode, not exit(): a large export piped to stdout must finish writing first.
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 78;
  } else {
    console.error(`cfa: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
