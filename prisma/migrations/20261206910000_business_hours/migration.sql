-- Business hours per account (weekly hours, holidays, SLA targets, out-of-hours auto-reply) and the record of
-- auto-replies sent: one per conversation and closed period.

-- CreateTable
CREATE TABLE "business_hours" (
    "account_id" UUID NOT NULL,
    "weekly" JSONB NOT NULL,
    "holidays" TEXT[] NOT NULL,
    "sla_first_response_minutes" INTEGER,
    "sla_next_response_minutes" INTEGER,
    "auto_reply_enabled" BOOLEAN NOT NULL DEFAULT false,
    "auto_reply_text" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_hours_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "auto_replies" (
    "conversation_id" UUID NOT NULL,
    "reopens_at" TIMESTAMPTZ(3) NOT NULL,
    "trigger_message_id" UUID NOT NULL,
    "message_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auto_replies_pkey" PRIMARY KEY ("conversation_id","reopens_at")
);

-- CreateIndex
CREATE UNIQUE INDEX "auto_replies_trigger_message_id_key" ON "auto_replies"("trigger_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "auto_replies_message_id_key" ON "auto_replies"("message_id");

-- AddForeignKey
ALTER TABLE "business_hours" ADD CONSTRAINT "business_hours_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auto_replies" ADD CONSTRAINT "auto_replies_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
