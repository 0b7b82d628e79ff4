// vitest globalSetup of the integration project: makes sure a migrated template database exists.
import type { TestProject } from "vitest/node";
import { startTestServer } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    testPgAdminUrl: string;
    testTemplateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_PG_ADMIN_URL && process.env.TEST_TEMPLATE_DB) {
    project.provide("testPgAdminUrl", process.env.TEST_PG_ADMIN_URL);
    project.provide("testTemplateDatabase", process.env.TEST_TEMPLATE_DB);
    return;
  }
  const server = await startTestServer();
  project.provide("testPgAdminUrl", server.adminUrl);
  project.provide("testTemplateDatabase", server.template);
  return () => server.stop();
}
