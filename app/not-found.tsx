import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand">404</p>
      <h1 className="text-xl font-semibold">Nothing here</h1>
      <Link href="/inbox" className="text-sm font-medium text-brand hover:underline">
        Back to conversations
      </Link>
    </main>
  );
}
