import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { getUser } from "~/server/guards/auth.server";
import type { ReactNode } from "react";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { handle } from "~/server/http.server";
import { currentRequest } from "~/server/request-context.server";
import stylesUrl from "~/styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return handle(async () => {
    const { user } = await getUser(request);
    // The request's id, shown on an error page so a person can quote it.
    return { user: user ? { name: user.name, email: user.email, isAdmin: user.isAdmin } : null, requestId: currentRequest()?.requestId ?? null };
  });
}

function UserMenu() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  if (!user) return null;
  return (
    <div className="user-menu">
      <span className="acting-as">{user.name}</span>
      {user.isAdmin ? (
        <Link to="/admin" className="header-link">
          Admin
        </Link>
      ) : null}
      <Form method="post" action="/logout">
        <button type="submit" className="header-button">
          Sign out
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Coalition Table" }];

function GlobalPending() {
  const nav = useNavigation();
  return <div className={`global-pending${nav.state !== "idle" ? " active" : ""}`} role="progressbar" aria-hidden={nav.state === "idle"} aria-label="Loading" />;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Before any form schema loads: zod's JIT probes `new Function`, which the CSP forbids (and reports, though the probe is caught). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "globalThis.__zod_globalConfig={jitless:true};" }} />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Coalition Table
          </Link>
          <UserMenu />
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>
            The firewall rules here are the table's policy, built on 11 CFR 109.21 and IRS rules for 501(c)(3) and 501(c)(4)
            organizations. This app is not legal advice: ask your counsel.
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <GlobalPending />
      <Outlet />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
