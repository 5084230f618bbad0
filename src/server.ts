// Starts the platform: reads config, migrates, seeds an empty database, listens, and shuts
// down cleanly on SIGTERM/SIGINT.
import { demoAccountsOption, describeDemoAccounts } from "./accounts/index.js";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config/config.js";
import { migrateToLatest, openDatabase } from "./db/index.js";
import { adoptLegacyFiles } from "./files/files.legacy.js";
import { loadCensusSnapshots } from "./members/index.js";
import { seedDemo } from "./seed-demo.js";

/** What a running response gets to finish after SIGTERM (as long as a running job, app.ts). */
const SHUTDOWN_GRACE_MS = 5_000;
/** After this, whatever still holds the process up, it exits with status 1. */
const SHUTDOWN_LIMIT_MS = 10_000;

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  // Files kept by default in `uploads` before FILES_DIR move to the files folder (src/files).
  const adopted = config.legacyUploadsDir
    ? await adoptLegacyFiles(config.legacyUploadsDir, config.filesDir)
    : 0;
  const database = openDatabase(config.database, config.timeouts);
  await migrateToLatest(database.db);
  const census = await loadCensusSnapshots(database.db);
  // Demo accounts have published passwords: never in production, nor on a public address unless
  // DEMO_ACCOUNTS=true.
  const demo = demoAccountsOption(config);
  const seed = config.seedDemo
    ? await seedDemo(database.db, { accounts: demo.accounts })
    : undefined;
  const app = await buildApp(config, { database });
  if (adopted) app.log.info({ files: adopted, to: config.filesDir }, "moved files from uploads");
  if (census.length) app.log.info({ snapshots: census }, "loaded Census snapshots");
  if (seed?.seeded) {
    app.log.info(
      { members: seed.members, blocks: seed.blocks, accounts: seed.accounts.length },
      "seeded demo content",
    );
    // For the person who just ran `npm start`, not for the log: shown once, on first start.
    if (seed.accounts.length) console.log(describeDemoAccounts(seed.accounts));
    if (demo.warning) app.log.warn(demo.warning);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    // Idle connections close at once; a response still being written gets a grace, then its
    // connection is cut: a client that stops reading a large response must not hold the process
    // up until the limit below.
    const cut = setTimeout(() => {
      app.log.warn(
        `closing the connections still open ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}`,
      );
      app.server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS).unref();
    const limit = setTimeout(() => {
      app.log.error(`not shut down ${SHUTDOWN_LIMIT_MS / 1000} s after ${signal}: exiting`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    // The app first (requests and running jobs, mail delivery among them, finish), then the
    // database they use.
    await app.close();
    await database.close();
    clearTimeout(cut);
    clearTimeout(limit);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ host: config.host, port: config.port });
  // Every server process runs the jobs it has handlers for, whoever queued them: mail delivery
  // (with SMTP), retries, and jobs queued while the process was down.
  app.jobs.start();
  app.log.info(`${config.siteName} on ${config.publicUrl} (${config.database.kind})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
