// The part of autocannon's API the bench uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Options = {
    url: string;
    connections?: number;
    /** Requests in all, spread over the connections; when set, `duration` is ignored. */
    amount?: number;
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    /** How often (ms) the stats are sampled; the run ends on a sample tick. */
    sampleInt?: number;
  };

  export type Result = {
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    mismatches: number;
    totalRequests: number;
    totalCompletedRequests: number;
    totalBytes: number;
    duration: number;
    statusCodeStats: Record<string, { count: number }>;
  };

  export type Instance = EventEmitter & { stop(): void };

  export default function autocannon(opts: Options, cb: (err: Error | null, result: Result) => void): Instance;
}
