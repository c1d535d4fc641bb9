/**
 * The bench's ceiling: a bare node:http server on a loopback address that answers every request
 * with the same bytes the app sent for the page being measured (same Content-Type), so the
 * ratio of the two throughputs says how much of the machine the app leaves on the table.
 * Started by scripts/bench.ts as a child process (so it does not share the load generator's
 * event loop); told which body to serve over IPC: { file, contentType } → { ok: true }.
 *
 * It runs as many processes as the app does (BARE_WORKERS, node's cluster, one port), so the
 * ceiling uses the same cores the app may use.
 */
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Serve = { file: string; contentType: string };
const workers = Math.max(1, Number(process.env.BARE_WORKERS ?? 1) || 1);

if (cluster.isPrimary && workers > 1) {
  // The primary holds the port (cluster shares it) and relays each new body to every worker.
  const forked = Array.from({ length: workers }, () => cluster.fork());
  let listening = 0;
  cluster.on("listening", (_w, address) => {
    if (++listening === workers) process.send?.({ port: address.port });
  });
  process.on("message", async (m: Serve) => {
    await Promise.all(
      forked.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once("message", () => resolve());
            w.send(m);
          }),
      ),
    );
    process.send?.({ ok: true });
  });
  process.on("disconnect", () => {
    for (const w of forked) w.kill();
    process.exit(0);
  });
} else {
  let body: Buffer = Buffer.from("not set\n");
  let contentType = "text/plain; charset=utf-8";

  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;

  process.on("message", (m: Serve) => {
    body = fs.readFileSync(m.file);
    contentType = m.contentType;
    process.send?.({ ok: true });
  });
  process.on("disconnect", () => process.exit(0));

  // A cluster worker listens on the primary's port 0 (one port for all); alone, it tells the bench.
  server.listen(0, "127.0.0.1", () => {
    if (cluster.isPrimary) process.send?.({ port: (server.address() as AddressInfo).port });
  });
}
