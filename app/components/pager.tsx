import { Link, useLocation } from "@remix-run/react";

/**
 * Previous / next links for a keyset-paged list (app/domain/keyset.ts), keeping every other
 * query parameter (filters, search). `total` (counted in SQL) says how many rows match.
 */
export function Pager(props: { prev: string | null; next: string | null; total?: number; shown: number; noun?: string; param?: string; label?: string }) {
  const location = useLocation();
  const param = props.param ?? "page";
  const href = (cursor: string | null) => {
    const q = new URLSearchParams(location.search);
    if (cursor) q.set(param, cursor);
    else q.delete(param);
    const s = q.toString();
    return s ? `?${s}` : location.pathname;
  };
  if (!props.prev && !props.next && props.total === undefined) return null;
  const noun = props.noun ?? "rows";
  return (
    <nav className="pager" aria-label={props.label ?? `Pages of ${noun}`}>
      {props.total !== undefined ? (
        <p className="pager-count">
          {props.shown} shown of {props.total.toLocaleString("en-US")} {noun}
        </p>
      ) : null}
      {props.prev || props.next ? (
        <ul>
          {props.prev ? (
            <li>
              <Link to={href(null)} preventScrollReset>
                First page
              </Link>
            </li>
          ) : null}
          {props.prev ? (
            <li>
              <Link to={href(props.prev)} rel="prev" preventScrollReset>
                Previous
              </Link>
            </li>
          ) : null}
          {props.next ? (
            <li>
              <Link to={href(props.next)} rel="next" preventScrollReset>
                Next
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </nav>
  );
}
