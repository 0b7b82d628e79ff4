import type { Metadata } from "next";
import { SavedRepliesAdmin } from "@/components/admin/saved-replies-admin";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";
import { listChannels } from "@/lib/channels/list-channels";
import { listSavedReplies } from "@/lib/saved-replies/list-saved-replies";

export const metadata: Metadata = { title: "Saved replies" };

export default async function SavedRepliesPage() {
  const manager = await requirePageAgent(MANAGERS);
  const [savedReplies, channels] = await Promise.all([listSavedReplies(manager), listChannels(manager)]);
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <SavedRepliesAdmin initialReplies={savedReplies} channels={channels} />
    </main>
  );
}
