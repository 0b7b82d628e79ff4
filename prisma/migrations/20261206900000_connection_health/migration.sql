-- Connection health: last webhook per channel, restrictions by Meta, delivery gaps found by reconciliation,
-- admin notifications.

ALTER TABLE "channels" ADD COLUMN "last_webhook_at" TIMESTAMPTZ(3);
ALTER TABLE "channels" ADD COLUMN "restricted_at" TIMESTAMPTZ(3);
ALTER TABLE "channels" ADD COLUMN "restriction_error" TEXT;
-- CreateTable
CREATE TABLE "delivery_gaps" (
    "id" BIGSERIAL NOT NULL,
    "channel_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "message_sent_at" TIMESTAMPTZ(3) NOT NULL,
    "found_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_gaps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "channel_id" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "admin_notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delivery_gaps_channel_id_found_at_idx" ON "delivery_gaps"("channel_id", "found_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "delivery_gaps_message_id_key" ON "delivery_gaps"("message_id");

-- CreateIndex
CREATE INDEX "admin_notifications_agent_id_read_at_last_occurred_at_idx" ON "admin_notifications"("agent_id", "read_at", "last_occurred_at" DESC);

-- CreateIndex
CREATE INDEX "admin_notifications_channel_id_idx" ON "admin_notifications"("channel_id");

-- AddForeignKey
ALTER TABLE "delivery_gaps" ADD CONSTRAINT "delivery_gaps_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_notifications" ADD CONSTRAINT "admin_notifications_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_notifications" ADD CONSTRAINT "admin_notifications_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_notifications" ADD CONSTRAINT "admin_notifications_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
