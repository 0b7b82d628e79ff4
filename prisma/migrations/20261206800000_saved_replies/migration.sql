-- Saved replies (inserted with / in the composer) and, on each sent message, the saved reply used and whether the agent changed it.
-- CreateTable
CREATE TABLE "saved_replies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "shortcut" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_replies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_reply_channels" (
    "saved_reply_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,

    CONSTRAINT "saved_reply_channels_pkey" PRIMARY KEY ("saved_reply_id","channel_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saved_replies_account_id_shortcut_key" ON "saved_replies"("account_id", "shortcut");

-- CreateIndex
CREATE INDEX "saved_reply_channels_channel_id_idx" ON "saved_reply_channels"("channel_id");

-- AddForeignKey
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_reply_channels" ADD CONSTRAINT "saved_reply_channels_saved_reply_id_fkey" FOREIGN KEY ("saved_reply_id") REFERENCES "saved_replies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_reply_channels" ADD CONSTRAINT "saved_reply_channels_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN "saved_reply_id" UUID,
ADD COLUMN "saved_reply_edited" BOOLEAN;
