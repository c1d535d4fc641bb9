import pino from "pino";

/**
 * The one logger: JSON lines on stdout (journald or the process manager keeps them).
 * LOG_LEVEL sets the level (default info; silent under vitest). Requests are logged by the
 * Express layer, one line each; errors once, with their stack and the request id.
 * Never log a password, a session id, a token or a note's text: the paths below are
 * redacted in case one slips into an object.
 */
export const log = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["password", "*.password", "headers.cookie", "*.headers.cookie", "headers.authorization", "*.headers.authorization"], censor: "[hidden]" },
  },
  pino.destination({ sync: true }),
);
