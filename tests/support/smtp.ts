import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export type Received = { from: string; to: string[]; raw: string };

/**
 * A real SMTP server in the test process (the smtp-server package): it keeps every message it
 * takes, or refuses each one with a temporary error while `failing` is set.
 */
export async function startSmtp(o: { failing?: boolean } = {}) {
  const received: Received[] = [];
  const state = { failing: o.failing ?? false, refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (state.failing) {
          state.refused++;
          const err = Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 });
          return callback(err);
        }
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message's header value (unfolded), or null. */
export function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const m = head.match(new RegExp(`^${name}:\\s*(.*)$`, "im"));
  return m ? decodeWords(m[1].trim()) : null;
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=) as text. */
function decodeWords(value: string): string {
  return value.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*(?==\?UTF-8)?/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
  );
}

/** The decoded bodies of a MIME message's parts, with their content types (one level of multipart, as nodemailer writes it). */
export function parts(raw: string): { type: string; body: string; filename: string | null }[] {
  const boundary = raw.match(/boundary="?([^";\r\n]+)"?/i)?.[1];
  const sections = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  const out: { type: string; body: string; filename: string | null }[] = [];
  for (const s of sections) {
    const [head, ...rest] = s.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    const h = head.replace(/\r?\n[ \t]+/g, " ");
    const nested = h.match(/boundary="?([^";\r\n]+)"?/i);
    if (nested) {
      out.push(...parts(s));
      continue;
    }
    const type = h.match(/content-type:\s*([^;\r\n]+)/i)?.[1].trim().toLowerCase() ?? "text/plain";
    const enc = h.match(/content-transfer-encoding:\s*(\S+)/i)?.[1].toLowerCase() ?? "7bit";
    const filename = h.match(/filename="?([^";\r\n]+)"?/i)?.[1] ?? null;
    let body = rest.join("\n\n").replace(/\r?\n$/, "");
    if (enc === "base64") body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    else if (enc === "quoted-printable") body = Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");
    out.push({ type, body, filename });
  }
  return out;
}
