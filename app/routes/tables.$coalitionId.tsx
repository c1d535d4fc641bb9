import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { FocusAfterSave } from "~/components/focus-after-save";
import { can } from "~/domain/permissions";
import { homeRoles, navFor, type Section } from "~/domain/homes";
import { requireUser, tableAccess } from "~/server/guards/auth.server";
import { programViewAccess } from "~/server/guards/program-access.server";
import { counselPartners } from "~/server/guards/audit-access.server";
import { handle } from "~/server/http.server";
import { getDb } from "~/server/db.server";
import { unreadCount } from "~/models/notifications.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return handle(async () => {
    // a regional ally's lead (issue 13) sees only the programs its ally joined, and no table navigation
    const allyOnly = params.programId !== undefined && !can(await requireUser(request), { action: "table.view", coalitionId: Number(params.coalitionId) }).ok;
    const { user, coalitionId, coalition } = allyOnly ? await programViewAccess({ params, request, context }) : await tableAccess({ params, request, context }, "table.view");
    return {
      coalition: { id: coalition.id, name: coalition.name, threshold: coalition.threshold },
      canManage: can(user, { action: "table.manage", coalitionId }).ok,
      canAudit: counselPartners(user).length > 0,
      leadsAffiliate: user.grants.some((g) => g.role === "affiliate_lead"),
      // the tabs in the order this person's first role uses them (issue 15)
      role: homeRoles(user, coalitionId)[0] ?? null,
      unread: unreadCount(getDb(), user),
      allyOnly,
    };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.coalition.name} · Coalition Table` : "Coalition Table" }];

export default function TableLayout() {
  const { coalition, canManage, canAudit, leadsAffiliate, role, unread, allyOnly } = useLoaderData<typeof loader>();
  const shown = (path: string) =>
    (canManage || (path !== "settings" && path !== "people" && path !== "health" && path !== "capacity")) && (canAudit || path !== "audit") && (leadsAffiliate || path !== "my-affiliate");
  const nav = navFor(role, shown);
  const base = `/tables/${coalition.id}`;
  // a page under "More" opens it, so the current tab shows
  const { pathname } = useLocation();
  const inMore = nav.more.some(([path]) => path && (pathname === `${base}/${path}` || pathname.startsWith(`${base}/${path}/`)));
  const link = ([path, label]: Section) => (
    <NavLink key={path} to={path ? `${base}/${path}` : base} end={path === ""} prefetch="intent">
      {label}
    </NavLink>
  );
  return (
    <>
      <div className="table-bar">
        <p className="breadcrumbs">{coalition.name}</p>
        <p className="inbox-link">
          <Link to="/inbox">{unread > 0 ? `Inbox (${unread} unread)` : "Inbox"}</Link>
        </p>
      </div>
      {allyOnly ? null : (
        <nav className="table-nav" aria-label="Table sections">
          {nav.main.map(link)}
          {nav.more.length > 0 ? (
            <details className="nav-more" open={inMore || undefined}>
              <summary>More</summary>
              <div className="nav-more-links">{nav.more.map(link)}</div>
            </details>
          ) : null}
        </nav>
      )}
      <Outlet />
      <FocusAfterSave />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
