import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { withheldNotice } from "~/domain/firewall";
import { getCandidate, listRevisions } from "~/models/candidates.server";
import { workspaceAccess } from "~/server/guards/workspace.server";
import { getDb } from "~/server/db.server";
import { handle, idParam } from "~/server/http.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await workspaceAccess({ params, request, context }, "table.view");
    const db = getDb();
    const coalitionId = idParam(params, "coalitionId", "Table");
    const candidateId = idParam(params, "candidateId", "Candidate");
    const { candidate } = getCandidate(db, user, { coalitionId, candidateId });
    return { coalitionId, candidate, ...listRevisions(db, user, { coalitionId, candidateId }) };
  });
}

function Changes({ before, after }: { before: string | null; after: string | null }) {
  const b = before ? (JSON.parse(before) as Record<string, unknown>) : {};
  const a = after ? (JSON.parse(after) as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
  if (keys.length === 0) return null;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{b[k] === undefined || b[k] === null ? "—" : String(b[k])}</td>
            <td>{a[k] === undefined || a[k] === null ? "—" : String(a[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function CandidateHistory() {
  const { coalitionId, candidate, revisions, withheld } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/tables/${coalitionId}/candidates/${candidate.id}`}>{candidate.name}</Link>
      </p>
      <h1>Edit history</h1>
      {withheldNotice(withheld) ? (
        <p className="notice warn" role="note">
          {withheldNotice(withheld)}
        </p>
      ) : null}
      <ol className="history">
        {revisions.map((r) => (
          <li key={r.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1rem" }}>
              {r.summary} <span className="muted">· {new Date(r.createdAt).toLocaleString("en-US", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC · {r.actorName ?? "unknown"}</span>
            </h2>
            <details>
              <summary>What changed</summary>
              <Changes before={r.before} after={r.after} />
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
