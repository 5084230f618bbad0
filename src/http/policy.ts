// Authorization answers, one shape for every feature. Each feature has one `<feature>.policy.ts`
// whose `can(actor, action, subject)` returns a Verdict: `true`, or the catalogue error that says
// why not (errors.ts: `last_admin`, `not_member_admin`, ...). Guards, handlers and services ask it
// before acting and `authorize()` the answer; views receive `allowed(...)` booleans, never decide.
import type { MessageValues } from "../i18n/index.js";
import { appError, type ErrorId } from "./errors.js";

export interface Refusal {
  refused: ErrorId;
  values?: MessageValues;
}

export type Verdict = true | Refusal;

/** A refusal with its reason: a catalogue error id and the values its message needs. */
export const refuse = (refused: ErrorId, values?: MessageValues): Refusal =>
  values ? { refused, values } : { refused };

/** Throws the refusal's catalogue error; returns when the verdict is `true`. */
export function authorize(verdict: Verdict): void {
  if (verdict !== true) throw appError(verdict.refused, { values: verdict.values });
}

/** For views: may the actor do it? */
export const allowed = (verdict: Verdict): boolean => verdict === true;
