// Demo data of the team workflow: saved replies, labels and business hours of the demo account. Idempotent (unique names and
// shortcuts: a second run changes nothing).
import { db } from "@/lib/db";
import { seedBusinessHoursDemo } from "./seed-business-hours";

const SAVED_REPLIES = [
  { shortcut: "hello", name: "Greeting", text: "Hi {{contact.first_name|there}}, {{agent.first_name}} here from Northwind. How can I help?" },
  { shortcut: "wait", name: "Sorry for the wait", text: "Hi {{contact.first_name|there}}, sorry for the wait — {{agent.first_name}} here, I'm looking into it now." },
  { shortcut: "refund", name: "Refund started", text: "Your refund is on its way, {{contact.first_name|}}: it shows on your statement within 5 working days." },
  { shortcut: "tracking", name: "Tracking link", text: "You can follow your parcel with the tracking link in your shipping email. Anything else I can do?" },
  { shortcut: "thanks", name: "Thanks and goodbye", text: "Thanks for writing to us, {{contact.first_name|}}! Have a lovely day. — {{agent.first_name}}" },
];

const LABELS = [
  { name: "VIP", color: "amber" },
  { name: "Refund", color: "red" },
  { name: "Order issue", color: "orange" },
  { name: "Feedback", color: "teal" },
  { name: "Wholesale", color: "violet" },
];

export async function seedWorkflowDemo(accountId: string): Promise<void> {
  for (const reply of SAVED_REPLIES) {
    await db.savedReply.upsert({ where: { accountId_shortcut: { accountId, shortcut: reply.shortcut } }, create: { accountId, ...reply }, update: {} });
  }
  for (const label of LABELS) {
    await db.label.upsert({ where: { accountId_name: { accountId, name: label.name } }, create: { accountId, ...label }, update: {} });
  }
  await seedBusinessHoursDemo(accountId);
}
