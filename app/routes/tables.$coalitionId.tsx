import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { getCoalition } from "~/models/coalitions.server";
import { getDb } from "~/utils/db.server";
import { handle, idParam } from "~/utils/http.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return handle(() => {
    const coalition = getCoalition(getDb(), idParam(params, "coalitionId", "Table"));
    return { coalition: { id: coalition.id, name: coalition.name, threshold: coalition.threshold } };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.coalition.name} · Coalition Table` : "Coalition Table" }];

const SECTIONS = [
  ["", "Home"],
  ["matrix", "Matrix"],
  ["races", "Races"],
  ["partners", "Partners"],
  ["affiliates", "Affiliates"],
  ["sub-tables", "Sub-tables"],
  ["settings", "Settings"],
] as const;

export default function TableLayout() {
  const { coalition } = useLoaderData<typeof loader>();
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <p className="breadcrumbs">{coalition.name}</p>
      <nav className="table-nav" aria-label="Table sections">
        {SECTIONS.map(([path, label]) => (
          <NavLink key={path} to={path ? `${base}/${path}` : base} end={path === ""} prefetch="intent">
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
