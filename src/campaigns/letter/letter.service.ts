// Signing a letter for a jurisdiction, and withdrawing the signature while the campaign is open.
// One signature per jurisdiction and letter (participation.queries.ts): signing twice keeps one,
// with the latest signer.
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { jurisdictionsByIds } from "../../members/index.js";
import {
  countingParticipations,
  upsertParticipation,
  withdrawParticipation,
} from "../participation.queries.js";
import { whileOpen } from "../participation.service.js";

export interface Signing {
  campaignId: string;
  actionId: string;
  jurisdictionId: string;
  userId: string | null;
  signerName: string;
  signerTitle: string;
}

export async function signLetter(db: Kysely<DB>, signing: Signing, now = new Date()) {
  return whileOpen(
    db,
    signing.campaignId,
    (trx) =>
      upsertParticipation(trx, {
        actionId: signing.actionId,
        jurisdictionId: signing.jurisdictionId,
        userId: signing.userId,
        signerName: signing.signerName,
        signerTitle: signing.signerTitle,
        now: now.toISOString(),
      }),
    now,
  );
}

export async function withdrawSignature(
  db: Kysely<DB>,
  target: Omit<Signing, "signerName" | "signerTitle">,
  now = new Date(),
) {
  return whileOpen(
    db,
    target.campaignId,
    (trx) =>
      withdrawParticipation(
        trx,
        target.actionId,
        target.jurisdictionId,
        target.userId,
        now.toISOString(),
      ),
    now,
  );
}

export interface Signatory {
  jurisdiction: string;
  state: string;
  signerName: string;
  signerTitle: string;
  isDemo: boolean;
}

/** Who signed a letter, in the order they signed. */
export async function signatoriesOf(db: Kysely<DB>, actionId: string): Promise<Signatory[]> {
  const rows = await countingParticipations(db, [actionId]);
  const places = new Map(
    (
      await jurisdictionsByIds(
        db,
        rows.map((r) => r.jurisdiction_id),
      )
    ).map((j) => [j.id, j]),
  );
  return rows.flatMap((r): Signatory[] => {
    const place = places.get(r.jurisdiction_id);
    return place
      ? [
          {
            jurisdiction: place.name,
            state: place.state,
            signerName: r.signer_name ?? "",
            signerTitle: r.signer_title ?? "",
            isDemo: r.is_demo === 1,
          },
        ]
      : [];
  });
}
