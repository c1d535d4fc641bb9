/** What `GET /healthz` answers a process manager: each check says "ok" or what is wrong. */
export type HealthReport = { ok: boolean; checks: { database: string; migrations: string; disk: string } };
