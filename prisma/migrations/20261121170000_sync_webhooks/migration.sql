-- Sync and webhooks: identical webhook deliveries are stored once (the signature is an HMAC of the body), and
-- updates that overtake their message (edit, unsend, reaction, Instagram seen) wait in pending_message_updates.

-- CreateIndex
CREATE UNIQUE INDEX "webhook_events_signature_key" ON "webhook_events"("signature");

-- CreateTable
CREATE TABLE "pending_message_updates" (
    "channel_id" UUID NOT NULL,
    "mid" TEXT NOT NULL,
    "edit_text" TEXT,
    "edit_count" INTEGER NOT NULL DEFAULT 0,
    "edited_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "reaction_emoji" TEXT,
    "reaction_name" TEXT,
    "reacted_at" TIMESTAMPTZ(3),
    "seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_message_updates_pkey" PRIMARY KEY ("channel_id","mid")
);

-- CreateIndex
CREATE INDEX "pending_message_updates_created_at_idx" ON "pending_message_updates"("created_at");

-- AddForeignKey
ALTER TABLE "pending_message_updates" ADD CONSTRAINT "pending_message_updates_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
