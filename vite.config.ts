import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import { fileURLToPath } from "node:url";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Issue 14: the mail queue also runs under `npm run dev`, started once the dev server listens
 * (scripts/dev-mail-worker.ts, loaded through the server so it shares the app's modules) and
 * stopped when it closes. `apply: "serve"` keeps it out of the build; vitest and MAIL_WORKER=off
 * leave it off.
 */
function devMailWorker(): Plugin {
  return {
    name: "coalition-table:dev-mail-worker",
    apply: "serve",
    configureServer(server) {
      if (process.env.VITEST || process.env.MAIL_WORKER === "off" || !server.httpServer) return;
      const http = server.httpServer;
      http.once("listening", () => {
        const address = http.address();
        const port = typeof address === "object" && address ? address.port : 3000;
        server
          .ssrLoadModule("/scripts/dev-mail-worker.ts")
          .then((mod) => {
            const worker = (mod as typeof import("./scripts/dev-mail-worker")).startDevMailWorker(process.env.PUBLIC_URL || `http://localhost:${port}`);
            http.once("close", () => void worker.stop());
          })
          .catch((err) => server.config.logger.error(`the dev mail worker did not start: ${String(err)}`));
      });
    },
  };
}

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  server: { port: 3000 },
  plugins: [
    devMailWorker(),
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
  ],
});
