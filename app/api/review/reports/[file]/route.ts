import { readQuery, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { isReportName, REPORT_CSV_COLUMNS, type ReportName, type ReportRows } from "@/lib/reports/report-catalog";
import { reportScopeFor } from "@/lib/reports/report-scope";
import { runReport } from "@/lib/reports/run-report";
import { toCsv, type CsvColumn } from "@/lib/reports/to-csv";
import { reportQuerySchema } from "@/lib/validations/review";

/** GET /api/review/reports/<name>.csv?from&to&channelId&platform — the chart's numbers as CSV. */
export const GET = withAgent<{ file: string }>(
  async (request, { agent, params }) => {
    const name = params.file.endsWith(".csv") ? params.file.slice(0, -".csv".length) : "";
    if (!isReportName(name)) throw AppError.notFound("This report");
    const scope = reportScopeFor(agent, readQuery(request, reportQuerySchema), new Date());
    const rows = await runReport(name, scope);
    const columns = REPORT_CSV_COLUMNS[name] as CsvColumn<ReportRows[ReportName][number]>[];
    const filename = `${name}_${scope.range.from}_${scope.range.to}.csv`;
    return new Response(toCsv(columns, rows), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  },
  { roles: MANAGERS },
);
