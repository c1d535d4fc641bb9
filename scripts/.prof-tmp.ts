import { performance } from "node:perf_hooks";
import { splitTurf, type SplitAffiliate, type SplitUnit } from "~/domain/split";
let seed = 42;
const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const affiliates: SplitAffiliate[] = Array.from({ length: 500 }, (_, i) => ({
  id: i + 1,
  coverage: [
    ...Array.from({ length: 1 + rnd(4) }, () => ({ state: "PA", kind: "county" as const, value: `County ${rnd(67)}` })),
    ...(rnd(3) === 0 ? [{ state: "PA", kind: "district" as const, value: String(1 + rnd(17)).padStart(2, "0") }] : []),
  ],
  hours: { doorknock: rnd(5) === 0 ? 0 : 1 + rnd(200), phonebank: 1 + rnd(100), textbank: rnd(50) },
}));
const KINDS = ["walk_packet", "call_list", "text_list"] as const;
const units: SplitUnit[] = Array.from({ length: 20_000 }, (_, i) => ({
  id: i + 1, kind: KINDS[rnd(3)], state: "PA", district: String(1 + rnd(17)).padStart(2, "0"), county: `County ${rnd(70)}`, size: 50 + rnd(300),
  holder: i % 50 === 0 ? 1 + rnd(500) : null, locked: i % 50 === 0,
}));
const full = affiliates.map((a) => ({ ...a, coverage: [{ state: "PA", kind: "district" as const, value: "07" }] }));
const one = units.map((u) => ({ ...u, district: "07" }));
for (const [label, u, a] of [["mixed", units, affiliates], ["all", one, full]] as const) {
  for (let r = 0; r < 8; r++) { (globalThis as any).__aug = 0; const t = performance.now(); const c0 = process.cpuUsage(); splitTurf(u, a); const c = process.cpuUsage(c0); console.log(label, (performance.now() - t).toFixed(0), "ms wall", ((c.user + c.system) / 1000).toFixed(0), "ms cpu", (globalThis as any).__aug); }
}
console.log("aug", (globalThis as any).__aug);
