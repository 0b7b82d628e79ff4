import Link from "next/link";

/** What a page shows instead of results when its URL carries filters that do not validate. */
export function InvalidFilters({ messages, resetHref }: { messages: string[]; resetHref: string }) {
  return (
    <div role="alert" className="space-y-2 rounded-lg bg-window-urgent-soft p-4 text-sm text-red-900 ring-1 ring-red-200">
      <p className="font-medium">Some filters in this link are not valid, so nothing was searched:</p>
      <ul className="list-disc space-y-0.5 pl-5">
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      <p>
        Fix them above, or{" "}
        <Link href={resetHref} className="font-medium underline">
          clear all filters
        </Link>
        .
      </p>
    </div>
  );
}
