import { Link, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";

/** The request id to quote: the failed request's own (a 500 from the server carries it), else this page's. */
function useReference(error: unknown): string | null {
  const root = useRouteLoaderData("root") as { requestId?: string | null } | undefined;
  if (isRouteErrorResponse(error) && error.data && typeof error.data === "object" && typeof (error.data as { requestId?: unknown }).requestId === "string") {
    return (error.data as { requestId: string }).requestId;
  }
  return root?.requestId ?? null;
}

function Reference({ id }: { id: string | null }) {
  if (!id) return null;
  return (
    <p className="hint">
      If you tell someone about this, quote the reference <code data-testid="request-id">{id}</code>.
    </p>
  );
}

/** The error page every route exports: 404 and 403 say what happened; anything else stays calm. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const reference = useReference(error);
  if (isRouteErrorResponse(error) && error.status < 500) {
    const title =
      error.status === 404
        ? "Not found"
        : error.status === 403
          ? "Not allowed"
          : error.status === 400
            ? "That request could not be read"
            : error.status === 429
              ? "Too many requests"
              : `Error ${error.status}`;
    const detail = typeof error.data === "string" && error.data ? error.data : error.statusText;
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p>{detail || "Something went wrong."}</p>
        {error.status === 404 ? <p>The link may be old, or the item was never there.</p> : null}
        <p>
          <Link to="/">Back to the tables</Link>
        </p>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 503) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">The table is busy</h1>
        <p>{typeof error.data === "string" && error.data ? error.data : "The table is busy; try again in a moment."}</p>
        <p>Nothing was saved half-way. Reload the page in a few seconds.</p>
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong</h1>
      <p>The server could not finish this request. Nothing you typed was saved half-way; try again, and tell the facilitator if it happens twice.</p>
      <Reference id={reference} />
      <p>
        <Link to="/">Back to the tables</Link>
      </p>
    </section>
  );
}
