-- Webhook processing sized by items (not POSTs), and items that cannot be stored set aside and shown to admins.

-- Messaging items per stored webhook body, counted by the receiver. Rows stored before count as one.
ALTER TABLE "webhook_events" ADD COLUMN "item_count" INTEGER NOT NULL DEFAULT 1;

-- CreateEnum
CREATE TYPE "sync_failure_source" AS ENUM ('WEBHOOK', 'BACKFILL', 'RECONCILE');

-- CreateTable
CREATE TABLE "sync_failures" (
    "id" BIGSERIAL NOT NULL,
    "channel_id" UUID NOT NULL,
    "source" "sync_failure_source" NOT NULL,
    "item_key" TEXT NOT NULL,
    "webhook_event_id" BIGINT,
    "error" TEXT NOT NULL,
    "detail" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sync_failures_channel_id_occurred_at_idx" ON "sync_failures"("channel_id", "occurred_at" DESC);

-- AddForeignKey
ALTER TABLE "sync_failures" ADD CONSTRAINT "sync_failures_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
