import { Link, useSearchParams } from "@remix-run/react";

/** "Stance recorded." and what it did to the sub-table (`kind`: form, join, leave). */
export function RecordedText({ coalitionId, kind, sub, detail }: { coalitionId: number; kind: string | null; sub: string | number | null; detail?: string | null }) {
  const link = sub ? <Link to={`/tables/${coalitionId}/sub-tables/${sub}`}>Open the sub-table</Link> : null;
  return (
    <>
      Stance recorded.{" "}
      {detail ? `${detail} ` : null}
      {kind === "form" ? <>This endorsement reached critical mass: a sub-table has formed. {link}</> : null}
      {kind === "join" ? <>The partner joined the candidate's sub-table. {link}</> : null}
      {kind === "leave" ? <>The partner left the candidate's sub-table. {link}</> : null}
    </>
  );
}

/** After a stance is recorded: says so, and what it did to the sub-table. */
export function StanceRecordedNotice({ coalitionId }: { coalitionId: number }) {
  const [params] = useSearchParams();
  if (!params.get("recorded")) return null;
  return (
    <p className="notice ok" role="status">
      <RecordedText coalitionId={coalitionId} kind={params.get("subtable")} sub={params.get("sub")} />
    </p>
  );
}
