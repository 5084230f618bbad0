// A local SMTP server for tests (smtp-server, 127.0.0.1 only, no TLS, no authentication
// needed). It keeps every message it accepts, decoded: envelope, headers, Subject (RFC 2047
// encoded words) and the plain-text body (quoted-printable, base64 or 7/8 bit, in its charset).
// It can be told to refuse the next messages, with a 4xx (try again) or 5xx (never) reply, at
// RCPT TO or after DATA, to test retries.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Header values by lower-case name, unfolded, encoded words decoded; the last one wins. */
  headers: Map<string, string>;
  subject: string;
  /** The decoded body, with CRLF turned into LF. */
  text: string;
  /** The message as received. */
  raw: Buffer;
}

export interface Refusal {
  /** SMTP reply code, 451 by default (4xx: try again later; 5xx: refused for good). */
  code?: number;
  /** Refuse the recipient (RCPT TO) or the message after DATA (default). */
  at?: "rcpt" | "data";
}

export interface SmtpTestServer {
  /** smtp://127.0.0.1:PORT, to configure as SMTP_URL. */
  url: string;
  /** Messages accepted, in order. */
  messages: ReceivedMail[];
  /** Messages offered (accepted or refused). */
  readonly offered: number;
  /** Refuses the next `count` messages. */
  refuseNext(count: number, refusal?: Refusal): void;
  /** Forgets the messages and the count offered, and refuses nothing. */
  reset(): void;
  close(): Promise<void>;
}

function smtpError(code: number): Error {
  const error = new Error(code >= 500 ? "Refused by the test server" : "Try again later");
  return Object.assign(error, { responseCode: code });
}

export async function startSmtpServer(): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  let offered = 0;
  let refusals = 0;
  let refusal: Required<Refusal> = { code: 451, at: "data" };

  // Refusal is decided once per message: at RCPT TO when refusing there, else at DATA.
  const refusing = (stage: "rcpt" | "data"): boolean => refusals > 0 && refusal.at === stage;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    secure: false,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusing("rcpt")) {
        offered++;
        refusals--;
        return callback(smtpError(refusal.code));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        offered++;
        if (refusing("data")) {
          refusals--;
          return callback(smtpError(refusal.code));
        }
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        messages.push({ from, to, raw, ...parseMessage(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get offered() {
      return offered;
    },
    refuseNext(count, given = {}) {
      refusals = count;
      refusal = { code: given.code ?? 451, at: given.at ?? "data" };
    },
    reset() {
      messages.length = 0;
      offered = 0;
      refusals = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers, Subject and plain-text body of a single-part message. */
export function parseMessage(raw: Buffer): {
  headers: Map<string, string>;
  subject: string;
  text: string;
} {
  const split = raw.indexOf("\r\n\r\n");
  const head = (split < 0 ? raw : raw.subarray(0, split)).toString("latin1");
  const body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n(?=[ \t])/g, "").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1)));
    }
  }
  const charset = /charset="?([^";\s]+)"?/i.exec(headers.get("content-type") ?? "")?.[1] ?? "utf-8";
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").trim().toLowerCase();
  const bytes =
    encoding === "base64"
      ? Buffer.from(body.toString("latin1").replace(/\s+/g, ""), "base64")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body.toString("latin1"))
        : body;
  const text = new TextDecoder(charset).decode(bytes).replace(/\r\n/g, "\n");
  return { headers, subject: headers.get("subject") ?? "", text };
}

function decodeQuotedPrintable(text: string, underscoreIsSpace = false): Buffer {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i] as string;
    const hex = soft.slice(i + 1, i + 3);
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (c === "_" && underscoreIsSpace) {
      bytes.push(0x20);
    } else {
      bytes.push(c.charCodeAt(0));
    }
  }
  return Buffer.from(bytes);
}

// RFC 2047: =?charset?B|Q?text?=; the space between two encoded words is not text, and a
// character may be split across adjacent words, so their bytes are joined before decoding.
function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let out = "";
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const drain = () => {
    if (pending) out += new TextDecoder(pending.charset).decode(Buffer.concat(pending.bytes));
    pending = undefined;
  };
  for (const match of value.matchAll(word)) {
    const between = value.slice(last, match.index);
    const [, charset = "utf-8", kind = "B", data = ""] = match;
    if (!pending || !/^[ \t]*$/.test(between) || pending.charset !== charset.toLowerCase()) {
      drain();
      out += between;
    }
    const bytes =
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64") : decodeQuotedPrintable(data, true);
    pending ??= { charset: charset.toLowerCase(), bytes: [] };
    pending.bytes.push(bytes);
    last = match.index + match[0].length;
  }
  drain();
  return (out + value.slice(last)).trim();
}
