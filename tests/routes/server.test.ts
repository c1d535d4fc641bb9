/**
 * The Express layer in front of Remix (app/server/express.server.ts), with a stand-in for Remix that says
 * what it was given: the client's address and TRUST_PROXY, headers (helmet's CSP with a
 * per-request nonce), compression, the health check, the `?_data=` answer, the same-origin
 * rule before Remix, the per-address write limit and its 429 answers, and the access log.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import zlib from "node:zlib";
import type { RequestHandler } from "express";
import pino from "pino";
import { decode } from "turbo-stream";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, loadContext, loggedPath, type AppOptions } from "~/server/express.server";
import type { HealthReport } from "~/domain/operations";
import { noteUser } from "~/server/request-context.server";
import { serverSettings, SettingsError, trustProxy } from "~/server/settings.server";

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string; raw: Buffer };

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** The stand-in for Remix: answers with what the load context and the headers say. */
const echo: RequestHandler = (req, res) => {
  const ctx = loadContext(req, res);
  if (req.path === "/signed-in") noteUser(42);
  if (req.path === "/boom") throw new Error("kaboom in a handler");
  if (req.path === "/big") return void res.type("html").send(`<!doctype html><p>${"the table ".repeat(5000)}</p>`);
  res.json({ ip: ctx.ip, nonce: ctx.cspNonce, requestId: ctx.requestId, forwardedHost: req.get("x-forwarded-host") ?? null, method: req.method });
};

const OK: HealthReport = { ok: true, checks: { database: "ok", migrations: "ok", disk: "ok" } };

async function start(over: Partial<AppOptions> = {}, lines: Record<string, unknown>[] = []) {
  const logger = pino(
    { level: "debug", base: null },
    new Writable({
      write(chunk, _enc, cb) {
        for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
        cb();
      },
    }),
  );
  const app = createApp({ remix: echo, settings: { trustProxy: false, writesPerMinute: 600 }, production: false, health: () => OK, logger, ...over });
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers: { ...(body ? { "Content-Length": String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body: raw.toString("utf8"), raw });
        });
      });
      req.on("error", reject);
      if (body) req.write(body);
      req.end();
    });
  }
  return { base, send, lines };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const sameSite = (base: string) => ({ Origin: base, "Content-Type": "application/x-www-form-urlencoded" });

describe("the client's address", () => {
  it("is the socket's by default: X-Forwarded-For and X-Forwarded-Host from a client are ignored", async () => {
    const { send } = await start();
    const r = JSON.parse((await send("GET", "/", { "X-Forwarded-For": "203.0.113.5", "X-Forwarded-Host": "evil.example" })).body);
    expect(r.ip).toMatch(/127\.0\.0\.1$/);
    expect(r.forwardedHost).toBeNull();
  });

  it("is the proxy's X-Forwarded-For with TRUST_PROXY naming the proxy, and not when the request comes from elsewhere", async () => {
    const behind = await start({ settings: { trustProxy: ["loopback"], writesPerMinute: 600 } });
    expect(JSON.parse((await behind.send("GET", "/", { "X-Forwarded-For": "203.0.113.5" })).body).ip).toBe("203.0.113.5");
    const other = await start({ settings: { trustProxy: ["10.0.0.1"], writesPerMinute: 600 } });
    expect(JSON.parse((await other.send("GET", "/", { "X-Forwarded-For": "203.0.113.5" })).body).ip).toMatch(/127\.0\.0\.1$/);
    const hops = await start({ settings: { trustProxy: 1, writesPerMinute: 600 } });
    expect(JSON.parse((await hops.send("GET", "/", { "X-Forwarded-For": "198.51.100.1, 203.0.113.5" })).body).ip).toBe("203.0.113.5");
  });

  it("TRUST_PROXY is read from the environment, and 'true' (anyone's header) is refused", () => {
    const saved = process.env.TRUST_PROXY;
    try {
      for (const [raw, want] of [
        [undefined, false],
        ["", false],
        ["1", 1],
        ["loopback", ["loopback"]],
        ["loopback, 10.0.0.0/8", ["loopback", "10.0.0.0/8"]],
      ] as const) {
        if (raw === undefined) delete process.env.TRUST_PROXY;
        else process.env.TRUST_PROXY = raw;
        expect(trustProxy()).toEqual(want);
      }
      process.env.TRUST_PROXY = "true";
      expect(() => serverSettings()).toThrow(SettingsError);
      expect(() => trustProxy()).toThrow(/would believe any client's X-Forwarded-For/);
    } finally {
      if (saved === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = saved;
    }
  });
});

describe("headers", () => {
  it("sends a Content-Security-Policy with a fresh nonce per request, the one the page gets, and the usual hardening headers", async () => {
    const { send } = await start();
    const one = await send("GET", "/");
    const two = await send("GET", "/");
    const csp = String(one.headers["content-security-policy"]);
    const nonce = JSON.parse(one.body).nonce as string;
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(JSON.parse(two.body).nonce).not.toBe(nonce);
    for (const d of ["default-src 'self'", "style-src 'self'", "style-src-attr 'unsafe-inline'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain("upgrade-insecure-requests"); // not production: plain http on a laptop
    expect(one.headers["x-content-type-options"]).toBe("nosniff");
    expect(one.headers["x-frame-options"]).toBe("DENY");
    expect(one.headers["referrer-policy"]).toBe("same-origin");
    expect(one.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(one.headers["x-powered-by"]).toBeUndefined();
    expect(one.headers["strict-transport-security"]).toBeUndefined();
    expect(one.headers["x-request-id"]).toBe(JSON.parse(one.body).requestId);
  });

  it("in production (behind TLS) adds HSTS and upgrade-insecure-requests", async () => {
    const { send } = await start({ production: true });
    const r = await send("GET", "/");
    expect(r.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(String(r.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
  });

  it("compresses what is worth compressing", async () => {
    const { send } = await start();
    const r = await send("GET", "/big", { "Accept-Encoding": "gzip" });
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(r.raw).toString()).toContain("the table the table");
    expect(r.raw.length).toBeLessThan(5000);
  });
});

describe("GET /healthz", () => {
  it("answers 200 with the checks, no session asked or given", async () => {
    const { send } = await start();
    const r = await send("GET", "/healthz");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual(OK);
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect(r.headers["cache-control"]).toBe("no-store");
  });

  it("answers 503 saying which check failed, and when the check itself throws", async () => {
    const failing = await start({ health: () => ({ ok: false, checks: { database: "ok", migrations: "behind: 6 of 7 applied", disk: "ok" } }) });
    const r = await failing.send("GET", "/healthz");
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body).checks.migrations).toBe("behind: 6 of 7 applied");
    const throwing = await start({
      health: () => {
        throw new Error("The database connection is not open");
      },
    });
    const t = await throwing.send("GET", "/healthz");
    expect(t.status).toBe(503);
    expect(JSON.parse(t.body).checks.database).toMatch(/not open/);
  });
});

describe("client mistakes", () => {
  it("answers a ?_data= request 400 with one log line and no stack", async () => {
    const lines: Record<string, unknown>[] = [];
    const { send } = await start({}, lines);
    const r = await send("GET", "/tables/1?_data=routes%2Ftables.%24coalitionId");
    expect(r.status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, req: { method: "GET", path: "/tables/1" }, res: { status: 400 } });
    expect(JSON.stringify(lines)).not.toMatch(/stack|_data/);
  });

  it('refuses Origin "null" with a same-site Referer (403) before Remix, and any other cross-site post', async () => {
    const { base, send } = await start();
    const body = form({ email: "a@example.org" });
    const foreign: Record<string, string>[] = [{ Origin: "null", Referer: `${base}/login` }, { Origin: "http://evil.example" }, {}, { Origin: "evil" }, { Origin: base.replace("127.0.0.1", "localhost") }];
    for (const headers of foreign) {
      const r = await send("POST", "/login", { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).toContain("This form was sent from another site");
    }
    expect((await send("POST", "/login", sameSite(base), body)).status).toBe(200);
    expect((await send("POST", "/login", { Referer: `${base}/login`, "Content-Type": "application/x-www-form-urlencoded" }, body)).status).toBe(200);
  });

  it("without TRUST_PROXY, a forged X-Forwarded-Host cannot make a same-site post look cross-site to Remix (or the reverse)", async () => {
    const { base, send } = await start();
    const r = await send("POST", "/login", { ...sameSite(base), "X-Forwarded-Host": "evil.example" }, form({}));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).forwardedHost).toBeNull();
    const evil = await send("POST", "/login", { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example", "Content-Type": "application/x-www-form-urlencoded" }, form({}));
    expect(evil.status).toBe(403);
  });
});

describe("the write limit per address", () => {
  it("lets reads through, answers the write over the limit with a clear 429 page and Retry-After, and counts per address", async () => {
    const { base, send } = await start({ settings: { trustProxy: ["loopback"], writesPerMinute: 3 } });
    const headers = (ip: string) => ({ ...sameSite(base), "X-Forwarded-For": ip });
    for (let i = 0; i < 3; i++) expect((await send("POST", "/tables/1/races", headers("203.0.113.5"), form({ intent: "create" }))).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await send("GET", "/tables/1", { "X-Forwarded-For": "203.0.113.5" })).status).toBe(200);
    const limited = await send("POST", "/tables/1/races", headers("203.0.113.5"), form({ intent: "create" }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers["content-type"]).toMatch(/text\/html/);
    expect(limited.body).toMatch(/<h1>Too many changes<\/h1>/);
    expect(limited.body).toMatch(/Too many changes from your network in a short time\. Wait \d+ seconds and send it again; nothing was saved\./);
    expect(String(limited.headers["content-security-policy"])).toContain("default-src 'self'");
    // another address behind the same proxy is not affected
    expect((await send("POST", "/tables/1/races", headers("203.0.113.6"), form({ intent: "create" }))).status).toBe(200);
  });

  it("answers a form sent by the app's JavaScript (.data) as its action would: the message above the form, what was typed kept, never the password", async () => {
    const { base, send } = await start({ settings: { trustProxy: false, writesPerMinute: 1 } });
    await send("POST", "/login.data", sameSite(base), form({ intent: "login", email: "dana@example.org", password: "x" }));
    const r = await send("POST", "/login.data", sameSite(base), form({ intent: "login", email: "dana@example.org", password: "hunter2 hunter2", redirectTo: "/tables/1" }));
    expect(r.status).toBe(429);
    expect(r.headers["content-type"]).toMatch(/^text\/x-script/);
    expect(r.headers["x-remix-response"]).toBe("yes");
    expect(r.body).not.toContain("hunter2");
    const decoded = await decode(new Response(new Uint8Array(r.raw)).body!);
    const data = (decoded.value as { data: { intent: string; errors: { _form: string }; values: Record<string, string> } }).data;
    expect(data.intent).toBe("login");
    expect(data.errors._form).toMatch(/^Too many changes from your network/);
    expect(data.values).toEqual({ intent: "login", email: "dana@example.org", redirectTo: "/tables/1" });
  });

  it("is generous by default: 600 writes a minute per address (a phonebank night of a hundred volunteers behind one NAT)", () => {
    const saved = process.env.WRITES_PER_MINUTE;
    delete process.env.WRITES_PER_MINUTE;
    try {
      expect(serverSettings().writesPerMinute).toBe(600);
    } finally {
      if (saved !== undefined) process.env.WRITES_PER_MINUTE = saved;
    }
  });
});

describe("the access log", () => {
  it("writes one line per request: time, request id, method, path, status, duration, user id; no query, cookie or body", async () => {
    const lines: Record<string, unknown>[] = [];
    const { base, send } = await start({}, lines);
    const r = await send("POST", "/signed-in?q=private+search", { ...sameSite(base), Cookie: "__coalition_session=SECRET-SESSION" }, form({ password: "hunter2 hunter2", note: "campaign plans" }));
    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(line).toMatchObject({ level: 30, reqId: r.headers["x-request-id"], req: { method: "POST", path: "/signed-in" }, res: { status: 200 }, userId: 42, msg: "POST /signed-in 200" });
    expect(line.time).toBeDefined();
    expect(typeof line.ms).toBe("number");
    expect(JSON.stringify(lines)).not.toMatch(/SECRET-SESSION|hunter2|campaign plans|private/);
  });

  it("keeps invitation and calendar tokens out of it", () => {
    expect(loggedPath("/invitations/AbCdEf0123456789xyzXYZ?x=1")).toBe("/invitations/:token");
    expect(loggedPath("/calendar/AbCdEf0123456789.ics")).toBe("/calendar/:token.ics");
    expect(loggedPath("/tables/3/races/7")).toBe("/tables/3/races/7");
  });

  it("logs an error once, with its stack and the request id, and answers 500 with the reference", async () => {
    const lines: Record<string, unknown>[] = [];
    const { send } = await start({}, lines);
    const r = await send("GET", "/boom");
    expect(r.status).toBe(500);
    const id = String(r.headers["x-request-id"]);
    expect(r.body).toContain(id);
    const withStack = lines.filter((l) => JSON.stringify(l).includes("kaboom in a handler"));
    expect(withStack).toHaveLength(1);
    expect(withStack[0]).toMatchObject({ level: 50, reqId: id });
    expect(String((withStack[0].err as { stack: string }).stack)).toMatch(/at /);
    // and the access line, without a second stack
    expect(lines.filter((l) => (l.res as { status?: number } | undefined)?.status === 500)).toHaveLength(1);
    expect(lines).toHaveLength(2);
  });
});
