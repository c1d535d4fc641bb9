/**
 * The Express layer in front of Remix (issue 12): request ids and one log line per request
 * (pino-http), security headers with a per-request CSP nonce (helmet), compression, the
 * health check, the same-origin rule, a per-address limit on writes (express-rate-limit),
 * and the client's address from the proxy only when the operator says so (TRUST_PROXY).
 * scripts/serve.ts builds it around the Remix build; the tests build it around a stand-in.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { encode } from "turbo-stream";
import type { HealthReport } from "~/domain/operations";
import { formFailure, tooManyWritesMessage } from "~/server/failures.server";
import { log } from "~/server/log.server";
import { runWithRequest, type RequestStore } from "~/server/request-context.server";
import { CROSS_ORIGIN_MESSAGE, sameOrigin } from "~/server/session.server";
import type { ServerSettings } from "~/server/settings.server";

export type AppOptions = {
  /** The Remix request handler (or, in tests, a stand-in). */
  remix: RequestHandler;
  settings: Pick<ServerSettings, "trustProxy" | "writesPerMinute">;
  /** Behind TLS: HSTS and upgrade-insecure-requests. */
  production: boolean;
  health: () => HealthReport;
  /** build/client, served as static files; null in tests. */
  staticRoot?: string | null;
  /** Set once SIGTERM arrives: responses then close their connections. */
  stopping?: () => boolean;
  /** The access log's logger (tests read its lines); the app's logger by default. */
  logger?: Logger;
  /** Server processes sharing the port (scripts/serve.ts's cluster): each counts its share of the write limit. */
  processes?: number;
};

/** What the Remix handler's load context reads from a response's locals. */
export type Locals = { store: RequestStore; cspNonce: string };

/**
 * The load context of every loader and action: the client's address (the socket's, or with
 * TRUST_PROXY the one the trusted proxy forwarded), this request's CSP nonce and its id.
 */
export function loadContext(req: Request, res: Response): { ip: string; cspNonce: string; requestId: string } {
  const locals = res.locals as Locals;
  return { ip: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: locals.cspNonce, requestId: locals.store.requestId };
}

/** The Remix build's request handler, with the load context above. */
export function remixHandler(build: ServerBuild): RequestHandler {
  return createRequestHandler({ build, mode: build.mode, getLoadContext: loadContext });
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A small page of our own (the app's stylesheet is not known here; no inline style, so the CSP holds). */
function page(title: string, paragraphs: string[], requestId?: string): string {
  const ref = requestId ? `<p>Reference: <code>${escapeHtml(requestId)}</code></p>` : "";
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Coalition Table</title><main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}${ref}<p><a href="/">Back to the tables</a></p></main></html>`;
}

/** The request's path for the log: no query string, and no secret path segments (invitation and calendar tokens). */
export function loggedPath(url: string): string {
  const p = url.split("?")[0] ?? "/";
  return p.replace(/^\/invitations\/[^/]+/, "/invitations/:token").replace(/^\/calendar\/[^/]+?(\.ics)?$/, "/calendar/:token$1");
}

/** The form a rate-limited fetch carried (a small url-encoded or multipart body), so its answer can keep what was typed. */
async function typedValues(req: Request): Promise<Record<string, string>> {
  const type = req.get("content-type") ?? "";
  const length = Number(req.get("content-length") ?? NaN);
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type) || !(length <= 1_000_000)) return {};
  try {
    const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    const form = await new globalThis.Request("http://localhost/", { method: "POST", headers: { "content-type": type }, body, duplex: "half" } as RequestInit).formData();
    const out: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
    return out;
  } catch {
    return {};
  }
}

async function turboStream(value: unknown): Promise<string> {
  const reader = encode(value).getReader();
  const decoder = new TextDecoder();
  let out = "";
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) return out + decoder.decode();
    out += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
}

export function createApp(o: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", o.settings.trustProxy);
  const trusted = o.settings.trustProxy !== false;

  // A request id for the log line, the error page and the X-Request-Id header; the request's
  // context (who is asking, once known) for everything the request runs.
  app.use((req, res, next) => {
    const store: RequestStore = { requestId: randomUUID() };
    (res.locals as Locals).store = store;
    res.setHeader("X-Request-Id", store.requestId);
    if (o.stopping?.()) res.setHeader("Connection", "close");
    runWithRequest(store, next);
  });

  // One line per request: time, request id, method, path, status, duration, user id.
  // Never headers (cookies), bodies (passwords, notes) or the query string.
  app.use(
    pinoHttp({
      logger: o.logger ?? log,
      genReqId: (_req, res) => (res.locals as Locals).store.requestId,
      quietReqLogger: true,
      customAttributeKeys: { reqId: "reqId", responseTime: "ms" },
      serializers: {
        req: (r: { method: string; url: string }) => ({ method: r.method, path: loggedPath(r.url) }),
        res: (r: { statusCode: number }) => ({ status: r.statusCode }),
      },
      customProps: (_req, res) => {
        const userId = ((res as Response).locals as Partial<Locals>).store?.userId;
        return userId ? { userId } : {};
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
      customSuccessMessage: (req, res) => `${req.method} ${loggedPath(req.url ?? "/")} ${res.statusCode}`,
      customErrorMessage: (req, res) => `${req.method} ${loggedPath(req.url ?? "/")} ${res.statusCode}`,
      // The error itself is logged once, with its stack, where it happened.
      customErrorObject: (_req, _res, _err, val: Record<string, unknown>) => ({ res: val.res, ms: val.ms }),
      autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/assets/") },
    }),
  );

  // Without a trusted proxy, forwarded headers are the client's own words: drop them, so
  // neither the address, nor the host Remix compares the Origin with, can be chosen by it.
  let warnedForwarded = false;
  app.use((req, _res, next) => {
    if (!trusted) {
      if (req.headers["x-forwarded-for"] && !warnedForwarded) {
        warnedForwarded = true;
        (o.logger ?? log).warn("X-Forwarded-For received but TRUST_PROXY is not set: the socket's address is used as the client's (see the production guide)");
      }
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
    }
    next();
  });

  // Security headers. The CSP allows scripts from this site and those carrying this
  // request's nonce (Remix's inline scripts); styles from this site, plus style attributes
  // (React's `style={}` and recharts' sizing and tooltips; never a <style> element).
  app.use((_req, res, next) => {
    (res.locals as Locals).cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${((res as Response).locals as Locals).cspNonce}'`],
          "style-src": ["'self'"],
          "style-src-attr": ["'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "base-uri": ["'self'"],
          "object-src": ["'none'"],
          "upgrade-insecure-requests": o.production ? [] : null,
        },
      },
      strictTransportSecurity: o.production ? { maxAge: 180 * 86_400, includeSubDomains: false } : false,
      referrerPolicy: { policy: "same-origin" },
      frameguard: { action: "deny" },
    }),
  );
  app.use(compression());

  if (o.staticRoot) {
    app.use("/assets", express.static(`${o.staticRoot}/assets`, { immutable: true, maxAge: "1y" }));
    app.use(express.static(o.staticRoot, { maxAge: "1h" }));
  }

  // For the process manager: no session, nothing about the table's data.
  app.get("/healthz", (_req, res) => {
    let report: HealthReport;
    try {
      report = o.health();
    } catch (err) {
      report = { ok: false, checks: { database: `unknown: ${err instanceof Error ? err.message : String(err)}`, migrations: "unknown", disk: "unknown" } };
    }
    res.status(report.ok ? 200 : 503).set("Cache-Control", "no-store").json(report);
  });

  // Remix's old data API (`?_data=`): this app uses single fetch and never sends one.
  // A client that does is answered 400 with one log line, not a stack trace.
  app.use((req, res, next) => {
    if (req.query._data === undefined) return next();
    res.status(400).type("text/plain").send("This app does not answer ?_data= requests.");
  });

  // Every non-GET request must come from this site (the same rule requireUser applies again).
  app.use((req, res, next) => {
    const host = trusted ? (req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host")) : req.get("host");
    if (sameOrigin({ method: req.method, host, origin: req.get("origin"), referer: req.get("referer") })) return next();
    res.status(403).type("html").send(page("Not allowed", [escapeHtml(CROSS_ORIGIN_MESSAGE)]));
  });

  // Writes per client address: generous (a phonebank night behind one NAT stays far below
  // it), so only a runaway script or a flood meets the 429.
  app.use(
    rateLimit({
      windowMs: 60_000,
      // Under the cluster (scripts/serve.ts) each process counts its own share: the primary
      // deals connections round-robin, so one address's writes spread evenly and the limit
      // holds for the address as a whole (see the README's decisions on why not a shared store).
      limit: Math.max(1, Math.ceil(o.settings.writesPerMinute / (o.processes ?? 1))),
      standardHeaders: "draft-7",
      legacyHeaders: false,
      skip: (req) => READS.has(req.method),
      handler: async (req, res) => {
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
        const message = tooManyWritesMessage(retryAfter);
        res.status(429).set("Retry-After", String(retryAfter));
        if (req.path.endsWith(".data")) {
          // A form sent by the app's JavaScript: answer as its action would, so the message
          // shows above the form and what was typed stays.
          const body = await turboStream({ data: formFailure(await typedValues(req), message) });
          res.set({ "Content-Type": "text/x-script", "X-Remix-Response": "yes" }).send(body);
          return;
        }
        res.type("html").send(page("Too many changes", [escapeHtml(message), "Go back: what you typed is still in the form."]));
      },
    }),
  );

  app.all("*", o.remix);

  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    const requestId = (res.locals as Partial<Locals>).store?.requestId;
    (o.logger ?? log).error({ reqId: requestId, err }, "unexpected error");
    if (res.headersSent) return next(err);
    res.status(500).type("html").send(page("Something went wrong", ["The server could not finish this request. Nothing you typed was saved half-way; try again."], requestId));
  };
  app.use(onError);
  return app;
}
