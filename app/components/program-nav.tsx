import { Link, NavLink } from "@remix-run/react";
import { formatDate } from "~/domain/dates";

type ProgramHead = {
  coalitionId: number;
  program: { id: number; name: string; subCoalitionId: number; startDate: string; endDate: string; side: string };
  candidateName: string;
  race: { id: number; office: string; state: string; district: string | null };
  /** false for a regional ally's lead, who may open its program and nothing else of the table (issue 13) */
  seesTable?: boolean;
};

/** The heading, facts and section links shared by a program's pages. */
export function ProgramHeader({ head, title }: { head: ProgramHead; title?: string }) {
  const base = `/tables/${head.coalitionId}`;
  const here = `${base}/programs/${head.program.id}`;
  const race = `${head.race.state}${head.race.district ? `-${head.race.district}` : ""}`;
  return (
    <>
      <p className="breadcrumbs">
        {head.seesTable === false ? "Field program" : <Link to={`${base}/programs`}>Field programs</Link>}
        {title ? (
          <>
            {" "}
            › <Link to={here}>{head.program.name}</Link>
          </>
        ) : null}
      </p>
      <h1>{title ? `${title}: ${head.program.name}` : head.program.name}</h1>
      <p className="muted">
        {head.seesTable === false ? (
          <>
            Sub-table for {head.candidateName} · {head.race.office}, {race} ·{" "}
          </>
        ) : (
          <>
            <Link to={`${base}/sub-tables/${head.program.subCoalitionId}`}>Sub-table for {head.candidateName}</Link> · <Link to={`${base}/races/${head.race.id}`}>{head.race.office}, {race}</Link> ·{" "}
          </>
        )}
        {formatDate(head.program.startDate)} – {formatDate(head.program.endDate)} · <span className="badge">{head.program.side}</span>
      </p>
      <nav className="table-nav program-nav" aria-label="Program sections">
        <NavLink to={here} end>
          Overview
        </NavLink>
        <NavLink to={`${here}/turf`}>Turf</NavLink>
        <NavLink to={`${here}/pledges`}>Pledges</NavLink>
        <NavLink to={`${here}/shifts`}>Shifts</NavLink>
      </nav>
    </>
  );
}
