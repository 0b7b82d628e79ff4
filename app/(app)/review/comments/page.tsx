import type { Metadata } from "next";
import { InvalidFilters } from "@/components/review/invalid-filters";
import { ReviewCommentFilters, ReviewCommentList } from "@/components/review/review-comment-list";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";
import { listReviewComments } from "@/lib/review/list-review-comments";
import { listReviewFilterOptions } from "@/lib/review/list-review-filter-options";
import { firstValues, reviewCommentsQuerySchema } from "@/lib/validations/review";

export const metadata: Metadata = { title: "Comments · Review" };

export default async function ReviewCommentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const agent = await requirePageAgent(MANAGERS);
  const raw = firstValues(await searchParams);
  const options = await listReviewFilterOptions({ agent });
  const parsed = reviewCommentsQuerySchema.safeParse(raw);
  if (!parsed.success) {
    return (
      <div className="space-y-4">
        <ReviewCommentFilters values={raw} channels={options.channels} />
        <InvalidFilters messages={parsed.error.issues.map((i) => i.message)} resetHref="/review/comments" />
      </div>
    );
  }
  const page = await listReviewComments({ agent, query: parsed.data, now: new Date() });
  const next = page.nextCursor ? `/review/comments?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")), cursor: page.nextCursor })}` : null;
  return (
    <div className="space-y-4">
      <ReviewCommentFilters values={raw} channels={options.channels} />
      <ReviewCommentList comments={page.comments} timeZone={agent.timezone} nextHref={next} />
    </div>
  );
}
