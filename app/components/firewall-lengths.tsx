import { governingLaw, lengthsBasisText, type TableLengths } from "~/domain/firewall-lengths";

/**
 * The table's window and lookback, and whose law governs them (issue 13). A state or municipal
 * table whose counsel has not set them says so plainly, and that the federal lengths it applies
 * meanwhile are a stand-in, not state law.
 */
export function FirewallLengthsSummary({ lengths }: { lengths: TableLengths }) {
  const unset = lengths.basis === "federal_stand_in";
  return (
    <section className="card" aria-labelledby="lengths-title">
      <h2 id="lengths-title" style={{ marginTop: 0 }}>Window and lookback at this table</h2>
      <p>{governingLaw(lengths.level)}</p>
      {unset ? (
        <p className="notice warn" role="note">
          Counsel has not set this table's window and lookback under state law.
        </p>
      ) : null}
      <dl className="facts">
        <dt>Content window (F8)</dt>
        <dd>{lengths.windowDays} days before each election, election day included{unset ? " (federal stand-in)" : ""}</dd>
        <dt>Lookback (F4, F5)</dt>
        <dd>{lengths.lookbackDays} days after the last service{unset ? " (federal stand-in)" : ""}</dd>
      </dl>
      <p className="hint">{lengthsBasisText(lengths)}</p>
    </section>
  );
}
