import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

/** The error page every route exports: 404 and 403 say what happened; anything else stays calm. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404 ? "Not found" : error.status === 403 ? "Not allowed" : error.status === 400 ? "That request could not be read" : `Error ${error.status}`;
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
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong</h1>
      <p>The server could not finish this request. Nothing you typed was saved half-way; try again, and tell the facilitator if it happens twice.</p>
      <p>
        <Link to="/">Back to the tables</Link>
      </p>
    </section>
  );
}
