/** The demo accounts: one per role. Their password is public; production refuses them. */
export const DEMO_PASSWORD = "coalition-demo-2028";

export const DEMO_USERS = [
  { key: "admin", role: "Instance admin", name: "Ada Admin", email: "admin@demo.coalition.test" },
  { key: "facilitator", role: "Facilitator", name: "Demo Facilitator", email: "facilitator@demo.coalition.test" },
  { key: "rep", role: "Partner representative", name: "Priya Representative", email: "rep@demo.coalition.test" },
  { key: "counsel", role: "Compliance counsel", name: "Carlos Counsel", email: "counsel@demo.coalition.test" },
  { key: "lead", role: "Affiliate lead", name: "Lee Lead", email: "lead@demo.coalition.test" },
  // issue 13: the lead of a regional ally (at no table) in the municipal table's Ward 5 program
  { key: "ally", role: "Regional ally's lead", name: "Dana Ally", email: "ally@demo.coalition.test" },
] as const;
