/**
 * The bench's ceiling: a bare node:http server on a loopback address that answers every request
 * with the same bytes the app sent for the page being measured (same Content-Type), so the
 * ratio of the two throughputs says how much of the machine the app leaves on the table.
 * Started by scripts/bench.ts as a child process (so it does not share the load generator's
 * event loop); told which body to serve over IPC: { file, contentType } → { ok: true }.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

let body: Buffer = Buffer.from("not set\n");
let contentType = "text/plain; charset=utf-8";

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;

process.on("message", (m: { file: string; contentType: string }) => {
  body = fs.readFileSync(m.file);
  contentType = m.contentType;
  process.send?.({ ok: true });
});
process.on("disconnect", () => process.exit(0));

server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
