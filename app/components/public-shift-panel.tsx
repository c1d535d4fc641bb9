import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { Submit } from "~/components/form";

type Link = { affiliateId: number | null; name: string; token: string };

/**
 * The shift page's public side (issue 14): publish or take down the public page, the share
 * links this person may hand out (each credits its affiliate; the plain one, the host), and the
 * reminders the people signed up get.
 */
export function PublicShiftPanel(props: { published: boolean; links: Link[]; mayEdit: boolean; origin: string; campaignHosted: boolean; closed: boolean; remind24h: boolean; remind2h: boolean; series?: { total: number; unpublished: number } | null }) {
  const { published, links, mayEdit } = props;
  if (!mayEdit && links.length === 0) return null;
  return (
    <section className="card" aria-labelledby="public-title">
      <h2 id="public-title">Public sign-up page</h2>
      {props.campaignHosted ? (
        <p className="hint">A shift a campaign hosts is not published.</p>
      ) : published ? (
        <>
          <p className="hint">Volunteers sign themselves up here with no account. Each affiliate&apos;s link credits the volunteers it brings to that affiliate.</p>
          <ul className="plain-list">
            {links.map((l) => (
              <li key={l.token}>
                <span>{l.name}</span>
                <br />
                <a className="copy-link" href={`/s/${l.token}`}>{`${props.origin}/s/${l.token}`}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">Not published: only leads sign volunteers up.</p>
      )}
      {mayEdit && !props.campaignHosted && !props.closed ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="publish" value={published ? "off" : "on"} />
          <Submit intent="publish" pendingText="Saving…" className={published ? "secondary" : undefined}>
            {published ? "Take the public page down" : "Publish a public page"}
          </Submit>
        </Form>
      ) : null}
      {mayEdit && props.series && !props.campaignHosted && !props.closed ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="publishSeries" />
          <input type="hidden" name="publish" value={props.series.unpublished > 0 ? "on" : "off"} />
          <Submit intent="publishSeries" pendingText="Saving…" className="secondary">
            {props.series.unpublished > 0 ? `Publish all ${props.series.total} shifts of this series` : `Take down all ${props.series.total} shifts of this series`}
          </Submit>
        </Form>
      ) : null}
      {mayEdit && !props.closed ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="reminders" />
          <fieldset>
            <legend>Reminders to the people signed up</legend>
            <label>
              <input type="checkbox" name="remind24h" defaultChecked={props.remind24h} /> 24 hours before
            </label>{" "}
            <label>
              <input type="checkbox" name="remind2h" defaultChecked={props.remind2h} /> 2 hours before
            </label>
          </fieldset>
          <Submit intent="reminders">Save reminders</Submit>
        </Form>
      ) : null}
    </section>
  );
}

/** A shift's public facts (the public page, the volunteer's own page): when, where, who hosts, and anything else given. */
export function PublicShiftFacts({ facts, children }: { facts: { when: string; place: string | null; hosts: string[] }; children?: ReactNode }) {
  return (
    <dl className="facts">
      <dt>When</dt>
      <dd>{facts.when}</dd>
      <dt>Where</dt>
      <dd>{facts.place ?? "The hosts will send the place."}</dd>
      <dt>Hosted by</dt>
      <dd>{facts.hosts.join(", ")}</dd>
      {children}
    </dl>
  );
}
