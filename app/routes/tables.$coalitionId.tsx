import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { can } from "~/domain/permissions";
import { tableAccess } from "~/server/guards/auth.server";
import { counselPartners } from "~/server/guards/audit-access.server";
import { handle } from "~/server/http.server";
import { getDb } from "~/server/db.server";
import { unreadCount } from "~/models/notifications.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user, coalitionId, coalition } = await tableAccess({ params, request, context }, "table.view");
    return {
      coalition: { id: coalition.id, name: coalition.name, threshold: coalition.threshold },
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
      canAudit: counselPartners(user).length > 0,
      leadsAffiliate: user.grants.some((g) => g.role === "affiliate_lead"),
      unread: unreadCount(getDb(), user),
    };
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
  ["firewall", "Firewall"],
  ["meetings", "Meetings"],
  ["health", "Health"],
  ["programs", "Field"],
  ["shifts/week", "Week"],
  ["my-affiliate", "My affiliate"],
  ["audit", "Audit"],
  ["people", "People"],
  ["settings", "Settings"],
] as const;

export default function TableLayout() {
  const { coalition, canManage, canAudit, leadsAffiliate, unread } = useLoaderData<typeof loader>();
  const shown = (path: string) =>
    (canManage || (path !== "settings" && path !== "people" && path !== "health")) && (canAudit || path !== "audit") && (leadsAffiliate || path !== "my-affiliate");
  const base = `/tables/${coalition.id}`;
  return (
    <>
      <p className="breadcrumbs">
        {coalition.name} · <Link to="/inbox">{unread > 0 ? `Inbox (${unread} unread)` : "Inbox"}</Link>
      </p>
      <nav className="table-nav" aria-label="Table sections">
        {SECTIONS.filter(([path]) => shown(path)).map(([path, label]) => (
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
