import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/error-boundary";
import { signOut } from "~/models/accounts.server";
import { clientIp, requireSameOrigin, readSession, sessionStorage } from "~/server/session.server";
import { getDb } from "~/server/db.server";
import { handle } from "~/server/http.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handle(async () => {
    requireSameOrigin(request);
    const session = await readSession(request);
    const sid = session.get("sid");
    if (typeof sid === "string") signOut(getDb(), sid, clientIp(context));
    return redirect("/login?signedOut", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
  });
}

export default function Logout() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
