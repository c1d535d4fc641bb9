import { Form } from "@remix-run/react";
import { Submit } from "~/components/form";
import { formatDate } from "~/domain/dates";

/**
 * The live calendar feeds of an affiliate or a program: the new URL (shown once), a Revoke
 * button per feed, and "Make a feed URL". `hidden` are extra fields every form carries.
 * Each form is a single button with hidden fields (the server reads them with
 * `feedRevokeForm` / `affiliateFeedForm`): nothing to validate in the browser.
 */
export function CalendarFeeds({
  feeds,
  link,
  hidden = {},
  what,
  error = null,
}: {
  feeds: { id: number; createdAt: string }[];
  link: string | null;
  hidden?: Record<string, string | number>;
  what: string;
  /** A refused make or revoke (the server's message). */
  error?: string | null;
}) {
  const extra = Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  return (
    <>
      <p className="hint">A subscribable iCalendar URL of {what}, for the affiliates' own volunteers. Anyone with the URL can read it: revoke it if it spreads.</p>
      {link ? (
        <p className="notice ok" role="status">
          Subscribe with this URL (shown once): <code className="copy-link">{link}</code>
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {feeds.length ? (
        <ul className="item-list">
          {feeds.map((f) => (
            <li key={f.id}>
              Feed made {formatDate(f.createdAt)}{" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="revokeFeed" />
                {extra}
                <input type="hidden" name="feedId" value={f.id} />
                <Submit intent="revokeFeed">Revoke</Submit>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="feed" />
        {extra}
        <Submit intent="feed">Make a feed URL</Submit>
      </Form>
    </>
  );
}
