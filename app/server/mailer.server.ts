import nodemailer from "nodemailer";
import type { OutgoingMail } from "~/domain/mail";
import { SettingsError } from "./settings.server";

/**
 * Sending mail over SMTP with nodemailer (issue 14), configured by the environment:
 *   SMTP_URL   smtp://user:pass@host:587 (smtps:// for TLS from the start), or
 *   SMTP_HOST, SMTP_PORT (587), SMTP_USER, SMTP_PASS, SMTP_SECURE (1: TLS from the start)
 *   MAIL_FROM  the sender, "Coalition Table <table@example.org>"
 * With none set, mailSettings() is null: messages stay in the outbox (status "kept") for the
 * admin to read, with a log line outside production.
 */

export type MailSettings = { url: string | null; host: string | null; port: number; secure: boolean; user: string | null; pass: string | null; from: string };

export const DEFAULT_FROM = "Coalition Table <no-reply@coalition-table.invalid>";

export function mailSettings(env: Record<string, string | undefined> = process.env): MailSettings | null {
  const url = env.SMTP_URL?.trim() || null;
  const host = env.SMTP_HOST?.trim() || null;
  if (!url && !host) return null;
  if (url && !/^smtps?:\/\//.test(url)) throw new SettingsError(`SMTP_URL=${url} should start with smtp:// or smtps://.`);
  const port = Number(env.SMTP_PORT ?? "587");
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SettingsError(`SMTP_PORT=${env.SMTP_PORT} is not a port number.`);
  return { url, host, port, secure: env.SMTP_SECURE === "1" || env.SMTP_SECURE === "true", user: env.SMTP_USER || null, pass: env.SMTP_PASS || null, from: env.MAIL_FROM?.trim() || DEFAULT_FROM };
}

/** A function that sends one message and resolves when the SMTP server took it (throws when it refused). */
export function smtpSender(settings: MailSettings) {
  const transport = settings.url
    ? nodemailer.createTransport(settings.url)
    : nodemailer.createTransport({ host: settings.host!, port: settings.port, secure: settings.secure, auth: settings.user ? { user: settings.user, pass: settings.pass ?? "" } : undefined });
  const send = async (mail: OutgoingMail & { messageId: string }) => {
    await transport.sendMail({
      from: settings.from,
      to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: { ...mail.headers, "X-Coalition-Table-Kind": mail.kind },
      attachments: mail.ics ? [{ filename: "invite.ics", content: mail.ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }] : [],
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}
