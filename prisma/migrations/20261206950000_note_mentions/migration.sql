-- Teammates @-mentioned in private notes (lib/notes/note-mentions.ts), each with their own read state.
CREATE TABLE "note_mentions" (
    "note_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "note_mentions_pkey" PRIMARY KEY ("note_id","agent_id")
);

CREATE INDEX "note_mentions_agent_id_read_at_created_at_idx" ON "note_mentions"("agent_id", "read_at", "created_at" DESC);
CREATE INDEX "note_mentions_conversation_id_idx" ON "note_mentions"("conversation_id");

ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_note_id_fkey" FOREIGN KEY ("note_id") REFERENCES "notes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
