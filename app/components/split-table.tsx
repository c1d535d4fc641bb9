import { Link } from "@remix-run/react";
import { TURF_KIND_LABELS, unitSize } from "~/domain/field-forms";
import type { TurfKind } from "~/domain/vocabulary";
import type { AffiliateShare } from "~/domain/field-views";


const hours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/** Each affiliate's share of the turf against its pledge, per kind of unit. */
export function SplitTable({ shares, totalUnits, highlight = [], caption = "Each affiliate's share of the turf against its pledge" }: { shares: AffiliateShare[]; totalUnits: number; highlight?: number[]; caption?: string }) {
  if (totalUnits === 0) return <p className="empty">No turf yet: import units or add them on the Turf page.</p>;
  if (shares.length === 0) return <p className="empty">No affiliate holds or pledged for any unit yet.</p>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="split-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Affiliate</th>
            <th scope="col">Kind</th>
            <th scope="col">Pledged</th>
            <th scope="col">Units</th>
            <th scope="col" className="hide-narrow">
              Ideal
            </th>
            <th scope="col" className="hide-narrow">
              Size
            </th>
          </tr>
        </thead>
        <tbody>
          {shares.map((s) => {
            const off = Math.abs(s.units - s.ideal) >= 1;
            return (
              <tr key={`${s.affiliateId}-${s.kind}`} data-affiliate={s.affiliateId} className={highlight.includes(s.affiliateId) ? "mine" : undefined}>
                <th scope="row">
                  {s.name} <span className="muted">({s.partnerShortName})</span>
                </th>
                <td>{TURF_KIND_LABELS[s.kind]}</td>
                <td>
                  {hours(s.hours)} h <span className="muted">({Math.round(s.pledgePercent)}%)</span>
                </td>
                <td>
                  <strong>{s.units}</strong>
                  {s.locked ? <span className="muted"> · {s.locked} locked</span> : null}
                  {off ? <span className="badge status-below_critical_mass"> off by {Math.abs(s.units - s.ideal).toFixed(1)}</span> : null}
                </td>
                <td className="hide-narrow">{s.ideal.toFixed(1)}</td>
                <td className="hide-narrow">
                  {unitSize(s.kind, s.size)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type Unit = { id: number; code: string; name: string; kind: TurfKind; size: number; state: string; district: string; county: string };

/** The units no affiliate's coverage contains: how many, the first few by code, and where the rest are listed. */
export function UncoveredUnits({ units, total, href }: { units: Unit[]; total: number; href: string }) {
  if (total === 0) return <p className="empty">Every unit is covered by at least one affiliate.</p>;
  return (
    <>
      <ul className="history card uncovered" aria-label="Units nobody covers">
        {units.map((u) => (
          <li key={u.id}>
            <strong>{u.code}</strong> {u.name} <span className="muted">· {TURF_KIND_LABELS[u.kind]} · {u.state}-{u.district}, {u.county}</span>
          </li>
        ))}
      </ul>
      <p>
        {total > units.length ? `${units.length} of ${total.toLocaleString("en-US")} shown. ` : null}
        <Link to={href}>{total > units.length ? `All ${total.toLocaleString("en-US")} units nobody covers` : "These units on the turf page"}</Link>
      </p>
    </>
  );
}
