// The demo team. The launcher prints these logins and the README lists them: they exist only in demo
// databases, never in a deployment that sets its own data.
export const DEMO_ACCOUNT_NAME = "Northwind Outfitters (demo)";
export const DEMO_PASSWORD = "inbox-demo-2026";

export const DEMO_LOGINS = [
  { name: "Ada Admin", email: "admin@northwind.test", role: "ADMIN", password: DEMO_PASSWORD },
  { name: "Maya Manager", email: "manager@northwind.test", role: "MANAGER", password: DEMO_PASSWORD },
  { name: "Alex Agent", email: "alex@northwind.test", role: "AGENT", password: DEMO_PASSWORD },
  { name: "Sam Agent", email: "sam@northwind.test", role: "AGENT", password: DEMO_PASSWORD },
] as const;
