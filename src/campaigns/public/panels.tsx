// Each kind of action's part of the campaign page. The page renders an action's panel from here
// and knows nothing else of its kind.
import type { ActionKind } from "../../db/index.js";
import { commentPanel } from "../comment/comment.panel.js";
import { eventPanel } from "../event/event.panel.js";
import { letterPanel } from "../letter/letter.panel.js";
import { socialPanel } from "../social/social.panel.js";
import type { Panel } from "./panel.js";

export const PANELS: Record<ActionKind, Panel> = {
  letter: letterPanel,
  event: eventPanel,
  social: socialPanel,
  comment: commentPanel,
};
