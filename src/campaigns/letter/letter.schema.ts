// What a member admin sends to sign a letter for their jurisdiction, or to withdraw its signature.
import { Type } from "typebox";
import { Line } from "../../http/validation.js";

export const SIGNER_MAX = 120;

/**
 * The jurisdiction the form was shown for (checked against the one the person acts for now: a
 * form from another tab is refused, never signed for the wrong city), and the signer.
 */
export const SignForm = Type.Object({
  jurisdiction: Type.String({ format: "uuid" }),
  signer_name: Line({ minLength: 1, maxLength: SIGNER_MAX }),
  signer_title: Line({ minLength: 1, maxLength: SIGNER_MAX }),
});

export const WithdrawForm = Type.Object({
  jurisdiction: Type.String({ format: "uuid" }),
});
