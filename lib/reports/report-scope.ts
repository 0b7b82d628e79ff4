// From a signed-in manager and a validated query to the scope every report runs in. Pure.
import type { ReportQuery } from "@/lib/validations/review";
import { resolveReportRange } from "./report-range";
import type { ReportScope } from "./report-sql";

export function reportScopeFor(agent: { accountId: string; timezone: string }, query: ReportQuery, now: Date): ReportScope {
  return {
    accountId: agent.accountId,
    timeZone: agent.timezone,
    range: resolveReportRange(query, agent.timezone, now),
    ...(query.channelId ? { channelId: query.channelId } : {}),
    ...(query.platform ? { platform: query.platform } : {}),
    now,
  };
}
