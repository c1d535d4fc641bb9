/**
 * handle() under the server (issue 12): an unexpected error is logged once and answered
 * with a 500 that carries the request id, which the error page shows so a person can quote
 * it; outside a request (these tests' direct calls) it propagates as before.
 */
import { expect, it } from "vitest";
import { NotFoundError } from "~/domain/errors";
import { handle } from "~/server/http.server";
import { runWithRequest } from "~/server/request-context.server";

async function outcome(p: Promise<unknown>) {
  try {
    return { value: await p };
  } catch (thrown) {
    return { thrown };
  }
}

it("answers an unexpected error 500 with the request id, under a request", async () => {
  const r = await runWithRequest({ requestId: "req-123" }, () =>
    outcome(
      handle(() => {
        throw new TypeError("cannot read properties of undefined");
      }),
    ),
  );
  const thrown = r.thrown as { type: string; data: unknown; init: { status: number } };
  expect(thrown.type).toBe("DataWithResponseInit");
  expect(thrown.init.status).toBe(500);
  expect(thrown.data).toEqual({ message: "Unexpected Server Error", requestId: "req-123" });
  expect(JSON.stringify(thrown.data)).not.toContain("cannot read");
});

it("lets the error through outside a request, and keeps 404s and thrown responses as they are", async () => {
  const plain = await outcome(
    handle(() => {
      throw new Error("a bug");
    }),
  );
  expect(plain.thrown).toBeInstanceOf(Error);
  const missing = await runWithRequest({ requestId: "r" }, () =>
    outcome(
      handle(() => {
        throw new NotFoundError("Race");
      }),
    ),
  );
  expect((missing.thrown as Response).status).toBe(404);
  const redirect = await runWithRequest({ requestId: "r" }, () =>
    outcome(
      handle(() => {
        throw new Response(null, { status: 302, headers: { Location: "/login" } });
      }),
    ),
  );
  expect((redirect.thrown as Response).status).toBe(302);
});
