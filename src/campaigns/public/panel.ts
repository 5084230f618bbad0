// What an action's part of the campaign page is given. Each kind (letter, event, social, comment)
// renders its own panel from this: its form for a member who may act, what the member did, and
// what anyone may see. The campaign page knows no kind; a new kind adds its panel to PANELS
// (public/panels.ts) and nothing else here changes.
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import type { Account } from "../../http/account.js";
import type { PageContext } from "../../views/page-context.js";
import type { ActionWithTexts } from "../actions.queries.js";
import type { ShownStatus } from "../campaign.status.js";
import type { CampaignWithTexts } from "../campaigns.queries.js";

export interface PanelContext {
  db: Kysely<DB>;
  ctx: PageContext;
  campaign: CampaignWithTexts;
  action: ActionWithTexts;
  shown: ShownStatus;
  /** The signed-in person, or null. */
  viewer: Account | null;
  /** For the panel's forms. */
  csrfToken: string;
  /** The action's address, unprefixed: `/campaigns/<slug>/actions/<id>`. */
  actionPath: string;
  /** Whether the viewer is coalition staff (sees every list, acts for nobody). */
  staff: boolean;
  /** This action's form as sent and refused: its values and each field's message. */
  sent?: { values: Record<string, string>; errors: Record<string, string> };
}

export type Panel = (panel: PanelContext) => Promise<JSX.Element>;
