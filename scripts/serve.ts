/**
 * The production server: Express serving the Remix build, with the client address passed to
 * loaders and actions, and every cross-site non-GET request refused before it reaches them.
 *
 *   npm start   (after the build)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import type { ServerBuild } from "@remix-run/node";
import { openDb, defaultDatabasePath } from "../db/client";
import { demoUsersPresent, startupRefusal } from "~/models/accounts.server";
import { isProduction } from "~/server/env.server";
import { CROSS_ORIGIN_MESSAGE, sameOrigin } from "~/server/session.server";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed-users";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const db = openDb();
const refusal = startupRefusal(db, { APP_ENV: process.env.APP_ENV, ALLOW_DEMO_USERS: process.env.ALLOW_DEMO_USERS });
if (refusal) {
  console.error(`${refusal} (database: ${defaultDatabasePath()})`);
  process.exit(1);
}
if (demoUsersPresent(db)) {
  if (!isProduction()) {
    console.log("Demo accounts (development only; every one has the same password):");
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(28)} ${u.email}`);
    console.log(`  password: ${DEMO_PASSWORD}`);
  }
}
db.$client.close();

const buildPath = path.resolve("build/server/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", false);

app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));

// Every non-GET request must come from this site: Origin, else Referer, must name our host
// (the same rule requireUser applies again inside Remix).
app.use((req, res, next) => {
  if (sameOrigin({ method: req.method, host: req.get("host"), origin: req.get("origin"), referer: req.get("referer") })) return next();
  res
    .status(403)
    .type("html")
    .send(`<!doctype html><title>Not allowed</title><h1>Not allowed</h1><p>${CROSS_ORIGIN_MESSAGE}</p>`);
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req) => ({ ip: req.socket.remoteAddress ?? "unknown" }),
  }),
);

app.listen(port, host, () => {
  console.log(`Coalition Table on http://localhost:${port}`);
});
