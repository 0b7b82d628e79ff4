import type { Metadata } from "next";
import { InvalidFilters } from "@/components/review/invalid-filters";
import { ReviewFilters } from "@/components/review/review-filters";
import { ReviewResults } from "@/components/review/review-results";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";
import { listReviewConversations } from "@/lib/review/list-review-conversations";
import { listReviewFilterOptions } from "@/lib/review/list-review-filter-options";
import { firstValues, reviewListQuerySchema } from "@/lib/validations/review";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const agent = await requirePageAgent(MANAGERS);
  const raw = firstValues(await searchParams);
  const options = await listReviewFilterOptions({ agent });
  const parsed = reviewListQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return (
      <div className="space-y-4">
        <ReviewFilters values={raw} options={options} />
        <InvalidFilters messages={parsed.error.issues.map((i) => i.message)} resetHref="/review" />
      </div>
    );
  }
  const { cursor: _cursor, ...filters } = raw;
  const first = await listReviewConversations({ agent, query: { ...parsed.data, cursor: undefined }, timeZone: agent.timezone, now: new Date() });
  // Only the filters that are set, so the API's query (and the React Query key) matches the page's URL.
  const filterQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "")).toString();
  return (
    <div className="space-y-4">
      <ReviewFilters values={raw} options={options} />
      <ReviewResults initial={first} filters={filterQuery} timeZone={agent.timezone} />
    </div>
  );
}
