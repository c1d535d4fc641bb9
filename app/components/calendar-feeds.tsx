import { ActionForm, Submit } from "~/components/form";
import { formatDate } from "~/domain/dates";

/**
 * The live calendar feeds of an affiliate or a program: the new URL (shown once), a Revoke
 * button per feed, and "Make a feed URL". `hidden` are extra fields every form carries.
 */
export function CalendarFeeds({ feeds, link, hidden = {}, what }: { feeds: { id: number; createdAt: string }[]; link: string | null; hidden?: Record<string, string | number>; what: string }) {
  const extra = Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  return (
    <>
      <p className="hint">A subscribable iCalendar URL of {what}, for the affiliates' own volunteers. Anyone with the URL can read it: revoke it if it spreads.</p>
      {link ? (
        <p className="notice ok" role="status">
          Subscribe with this URL (shown once): <code className="copy-link">{link}</code>
        </p>
      ) : null}
      {feeds.length ? (
        <ul className="item-list">
          {feeds.map((f) => (
            <li key={f.id}>
              Feed made {formatDate(f.createdAt)}{" "}
              <ActionForm intent="revokeFeed" className="inline">
                {extra}
                <input type="hidden" name="feedId" value={f.id} />
                <Submit intent="revokeFeed">Revoke</Submit>
              </ActionForm>
            </li>
          ))}
        </ul>
      ) : null}
      <ActionForm intent="feed">
        {extra}
        <Submit intent="feed">Make a feed URL</Submit>
      </ActionForm>
    </>
  );
}
