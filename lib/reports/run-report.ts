import "server-only";
import { reportCommentAnswers } from "./report-comment-answers";
import { reportConversationsHandled } from "./report-conversations-handled";
import { reportCsat } from "./report-csat";
import { reportLabels } from "./report-labels";
import { reportHourlyVolume } from "./report-hourly-volume";
import { reportResponseTimes } from "./report-response-times";
import type { ReportScope } from "./report-sql";
import { reportWindowOutcomes } from "./report-window-outcomes";
import { reportSlaAttainment } from "@/lib/sla/report-sla-attainment";
import { reportWindowClosures } from "@/lib/sla/report-window-closures";
import type { ReportName, ReportRows } from "./report-catalog";

const RUNNERS: { [N in ReportName]: (scope: ReportScope) => Promise<ReportRows[N]> } = {
  "first-response-time": (scope) => reportResponseTimes(scope, { firstResponse: true }),
  "reply-time": (scope) => reportResponseTimes(scope, { firstResponse: false }),
  "window-outcomes": reportWindowOutcomes,
  "conversations-handled": reportConversationsHandled,
  "volume-by-hour": reportHourlyVolume,
  "comment-answers": reportCommentAnswers,
  csat: reportCsat,
  labels: reportLabels,
  "sla-attainment": reportSlaAttainment,
  "window-closures": reportWindowClosures,
};

/** The rows of one report: what its chart draws and its CSV exports. */
export function runReport<N extends ReportName>(name: N, scope: ReportScope): Promise<ReportRows[N]> {
  return RUNNERS[name](scope);
}
