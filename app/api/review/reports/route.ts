import { readQuery, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { REPORT_NAMES } from "@/lib/reports/report-catalog";
import { reportScopeFor } from "@/lib/reports/report-scope";
import { runReport } from "@/lib/reports/run-report";
import { reportQuerySchema } from "@/lib/validations/review";

/** GET /api/review/reports?from&to&channelId&platform — every report's rows (what the charts draw). */
export const GET = withAgent(
  async (request, { agent }) => {
    const scope = reportScopeFor(agent, readQuery(request, reportQuerySchema), new Date());
    const rows = await Promise.all(REPORT_NAMES.map((name) => runReport(name, scope)));
    return Response.json({
      range: scope.range,
      timeZone: scope.timeZone,
      reports: Object.fromEntries(REPORT_NAMES.map((name, i) => [name, rows[i]])),
    });
  },
  { roles: MANAGERS },
);
