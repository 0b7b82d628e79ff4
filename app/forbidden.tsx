import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand">403</p>
      <h1 className="text-xl font-semibold">This page is not available to your role</h1>
      <p className="max-w-md text-sm text-slate-600">Ask an admin if you need access.</p>
      <Link href="/inbox" className="text-sm font-medium text-brand hover:underline">
        Back to conversations
      </Link>
    </main>
  );
}
