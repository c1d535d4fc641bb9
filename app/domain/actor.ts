import type { Principal } from "./permissions";
/** The person acting. Every model function takes one and records it on history rows. */
export type Actor = { id: number; name: string };

/**
 * Who is reading: a signed-in person, or "system" (the seed, scripts and writes looking
 * something up). Every reading model takes one, so every read can ask the firewall's gate.
 */
export type Viewer = Principal | "system";
