// The demo path's seed: the team and last week's review history (scripts/demo/seed-review-scenario.ts);
// today's conversations come from the Meta simulator through the sync. scripts/demo/seed-demo.ts also
// inserts showcase conversations directly, for the browser tests.
//   node --conditions=react-server --import tsx scripts/demo/seed-demo-team.ts
import { disconnectDb } from "@/lib/db";
import { seedDemoTeam } from "./seed-demo";
import { seedCsatDemo } from "./seed-csat";
import { seedReviewScenarioDemo } from "./seed-review-scenario";
import { seedWorkflowDemo } from "./seed-workflow";

try {
  const { accountId, created } = await seedDemoTeam();
  console.log(created ? "demo team created" : "demo team already present");
  await seedWorkflowDemo(accountId);
  const review = await seedReviewScenarioDemo(accountId);
  console.log(`review history: ${review.from} … ${review.to}${review.created ? " (created)" : ""}`);
  const csat = await seedCsatDemo(accountId);
  if (csat.created) console.log(`satisfaction ratings: ${csat.created}`);
} finally {
  await disconnectDb();
}
