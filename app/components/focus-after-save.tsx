import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

/**
 * Where focus goes once a page's form post has come back (issue 15: after recording a stance,
 * focus dropped to the top of the page). A refused post: the first field marked invalid, else
 * the form's message. A saved one: the thing the redirect points at (its #fragment: the saved
 * item, the stances table), else the page's status message ("Saved."). Fetcher posts (in-place
 * saves, such as the matrix's cells) manage their own focus and never pass through here.
 */
export function focusAfterPost(doc: Document, hash: string, formId: string | null): HTMLElement | null {
  // the form that was posted, when it is still on the page: another form's old messages are not this post's
  const scope: ParentNode = (formId ? doc.getElementById(formId) : null) ?? doc.querySelector("main") ?? doc;
  const target =
    scope.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    scope.querySelector<HTMLElement>(".form-error[role=alert], .field-error[role=alert]") ??
    (hash.length > 1 ? doc.getElementById(decodeURIComponent(hash.slice(1))) : null) ??
    doc.querySelector<HTMLElement>("main [role=status].notice, main [role=status] .notice");
  if (!target) return null;
  if (!target.matches(FOCUSABLE)) target.setAttribute("tabindex", "-1");
  target.focus();
  return target;
}

/** Runs focusAfterPost when a navigation that posted a form has settled. */
export function FocusAfterSave() {
  const nav = useNavigation();
  const location = useLocation();
  const posted = useRef(false);
  const formId = useRef<string | null>(null);
  // the form being posted, taken as it submits (its button is disabled while pending, so focus has left it by the first render)
  useEffect(() => {
    const onSubmit = (e: Event) => {
      formId.current = e.target instanceof HTMLFormElement ? e.target.id || null : null;
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);
  useEffect(() => {
    if (nav.state !== "idle") {
      if (nav.formMethod && nav.formMethod.toUpperCase() !== "GET") posted.current = true;
      return;
    }
    if (!posted.current) return;
    posted.current = false;
    focusAfterPost(document, location.hash, formId.current);
    formId.current = null;
  }, [nav.state, nav.formMethod, location.hash]);
  return null;
}
