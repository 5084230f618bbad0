// Staff send a message that failed for good again: the outbox row goes back to `queued` and its
// mail.deliver job gets a new set of attempts (a new job if it has none), audited, in one
// transaction. The conditional update makes a second submit (or a second admin) change nothing.
// A message whose one-time link is gone (a sign-in link, given up on) is not sent again: the
// person asks for a new link, or is invited again.
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { DB } from "../db/index.js";
import { enqueueJob, retryJob } from "../jobs/index.js";
import { MAIL_JOB, mailJobKey } from "./mail.js";
import { messageToDeliver, requeueFailedMessage } from "./outbox.queries.js";
import { secretGone } from "./sealed.js";

export type SendAgainOutcome = "queued" | "not_failed" | "not_found" | "secret_gone";

/** Puts failed message `id` back in the queue, as `actor`; call the mailer's flush() after. */
export async function sendAgain(
  db: Kysely<DB>,
  id: string,
  actor: { id: string; email: string },
  now = new Date(),
): Promise<SendAgainOutcome> {
  return db.transaction().execute(async (trx) => {
    // Its one-time link was wiped when it was given up on: sent again, it would be a dead link.
    const row = await messageToDeliver(trx, id);
    if (row?.status === "failed" && secretGone(row)) return "secret_gone";
    if (!(await requeueFailedMessage(trx, id))) return row ? "not_failed" : "not_found";
    const job = await enqueueJob(trx, MAIL_JOB, { outboxId: id }, { key: mailJobKey(id) });
    // Its job gave up (dead): another full set of attempts, due now.
    if (!job.created) await retryJob(trx, job.id);
    await recordAudit(
      trx,
      {
        actor,
        action: "outbox.send_again",
        entity: "outbox",
        entityId: id,
        before: { status: "failed" },
        after: { status: "queued" },
      },
      now,
    );
    return "queued";
  });
}
