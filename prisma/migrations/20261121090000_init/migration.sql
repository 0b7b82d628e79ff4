-- Initial schema of the inbox: accounts, agents, channels, contacts, conversations, messages, notes, uploads,
-- audit, raw webhooks, sync runs and jobs. Trigram indexes back the inbox search (contact name, message text).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "agent_role" AS ENUM ('AGENT', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "platform" AS ENUM ('MESSENGER', 'INSTAGRAM');

-- CreateEnum
CREATE TYPE "token_status" AS ENUM ('VALID', 'NEEDS_RECONNECT', 'MISCONFIGURED');

-- CreateEnum
CREATE TYPE "webhook_status" AS ENUM ('NOT_SUBSCRIBED', 'SUBSCRIBED', 'FAILED');

-- CreateEnum
CREATE TYPE "sync_status" AS ENUM ('NEVER_SYNCED', 'BACKFILLING', 'IDLE', 'FAILED');

-- CreateEnum
CREATE TYPE "conversation_status" AS ENUM ('OPEN', 'PENDING', 'SNOOZED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "window_opener" AS ENUM ('MESSAGE', 'POSTBACK', 'REACTION', 'REFERRAL', 'AD_REFERRAL');

-- CreateEnum
CREATE TYPE "message_direction" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "sender_kind" AS ENUM ('CONTACT', 'AGENT', 'OUR_APP', 'OTHER_APP');

-- CreateEnum
CREATE TYPE "message_kind" AS ENUM ('MESSAGE', 'POSTBACK', 'REFERRAL');

-- CreateEnum
CREATE TYPE "messaging_type" AS ENUM ('RESPONSE', 'UPDATE', 'MESSAGE_TAG', 'UTILITY');

-- CreateEnum
CREATE TYPE "send_status" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "reaction_actor" AS ENUM ('CONTACT', 'PAGE');

-- CreateEnum
CREATE TYPE "webhook_event_status" AS ENUM ('RECEIVED', 'PROCESSED', 'FAILED');

-- CreateEnum
CREATE TYPE "sync_run_kind" AS ENUM ('BACKFILL', 'RECONCILE');

-- CreateEnum
CREATE TYPE "sync_run_status" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "job_status" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "agent_role" NOT NULL DEFAULT 'AGENT',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "last_seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channels" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "platform" "platform" NOT NULL,
    "meta_id" TEXT NOT NULL,
    "page_meta_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "username" TEXT,
    "picture_url" TEXT,
    "access_token_encrypted" TEXT,
    "token_status" "token_status" NOT NULL DEFAULT 'VALID',
    "token_checked_at" TIMESTAMPTZ(3),
    "token_error" TEXT,
    "human_agent_enabled" BOOLEAN NOT NULL DEFAULT false,
    "webhook_status" "webhook_status" NOT NULL DEFAULT 'NOT_SUBSCRIBED',
    "webhook_subscribed_at" TIMESTAMPTZ(3),
    "sync_status" "sync_status" NOT NULL DEFAULT 'NEVER_SYNCED',
    "last_synced_at" TIMESTAMPTZ(3),
    "reconcile_watermark" TIMESTAMPTZ(3),
    "connected_by_id" UUID,
    "disconnected_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "page_memberships" (
    "agent_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "page_memberships_pkey" PRIMARY KEY ("agent_id","channel_id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "name" TEXT,
    "username" TEXT,
    "picture_url" TEXT,
    "profile_fetched_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "meta_thread_id" TEXT,
    "status" "conversation_status" NOT NULL DEFAULT 'OPEN',
    "assignee_id" UUID,
    "snoozed_until" TIMESTAMPTZ(3),
    "last_inbound_at" TIMESTAMPTZ(3),
    "last_inbound_kind" "window_opener",
    "last_message_at" TIMESTAMPTZ(3),
    "last_message_preview" TEXT,
    "last_message_direction" "message_direction",
    "unread_count" INTEGER NOT NULL DEFAULT 0,
    "contact_delivered_up_to" TIMESTAMPTZ(3),
    "contact_read_up_to" TIMESTAMPTZ(3),
    "history_incomplete" BOOLEAN NOT NULL DEFAULT false,
    "meta_updated_at" TIMESTAMPTZ(3),
    "ad_referral_at" TIMESTAMPTZ(3),
    "first_response_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "mid" TEXT,
    "kind" "message_kind" NOT NULL DEFAULT 'MESSAGE',
    "direction" "message_direction" NOT NULL,
    "sender_kind" "sender_kind" NOT NULL,
    "agent_id" UUID,
    "app_id" TEXT,
    "text" TEXT,
    "attachments" JSONB,
    "payload" JSONB,
    "reply_to_mid" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMPTZ(3),
    "edit_count" INTEGER NOT NULL DEFAULT 0,
    "deleted_at" TIMESTAMPTZ(3),
    "messaging_type" "messaging_type",
    "tag" TEXT,
    "send_status" "send_status",
    "hours_since_inbound" DOUBLE PRECISION,
    "idempotency_key" TEXT,
    "send_metadata" TEXT,
    "send_attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "error_code" INTEGER,
    "error_subcode" INTEGER,
    "error_message" TEXT,
    "fbtrace_id" TEXT,
    "meta_response" JSONB,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_reactions" (
    "message_id" UUID NOT NULL,
    "actor" "reaction_actor" NOT NULL,
    "emoji" TEXT,
    "reaction" TEXT,
    "reacted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "message_reactions_pkey" PRIMARY KEY ("message_id","actor")
);

-- CreateTable
CREATE TABLE "notes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "uploads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "agent_id" UUID,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "conversation_id" UUID,
    "actor_id" UUID,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_events" (
    "id" BIGSERIAL NOT NULL,
    "body" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "status" "webhook_event_status" NOT NULL DEFAULT 'RECEIVED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "channel_id" UUID NOT NULL,
    "kind" "sync_run_kind" NOT NULL,
    "status" "sync_run_status" NOT NULL DEFAULT 'QUEUED',
    "cursor" TEXT,
    "watermark" TIMESTAMPTZ(3),
    "conversations_total" INTEGER,
    "conversations_done" INTEGER NOT NULL DEFAULT 0,
    "messages_imported" INTEGER NOT NULL DEFAULT 0,
    "graph_calls" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" BIGSERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "job_status" NOT NULL DEFAULT 'QUEUED',
    "singleton_key" TEXT,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 5,
    "locked_by" TEXT,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agents_email_key" ON "agents"("email");

-- CreateIndex
CREATE INDEX "agents_account_id_role_active_idx" ON "agents"("account_id", "role", "active");

-- CreateIndex
CREATE INDEX "channels_account_id_idx" ON "channels"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "channels_platform_meta_id_key" ON "channels"("platform", "meta_id");

-- CreateIndex
CREATE INDEX "page_memberships_channel_id_idx" ON "page_memberships"("channel_id");

-- CreateIndex
CREATE INDEX "contacts_account_id_name_idx" ON "contacts"("account_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_channel_id_platform_user_id_key" ON "contacts"("channel_id", "platform_user_id");

-- CreateIndex
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin (name gin_trgm_ops);

-- CreateIndex
CREATE INDEX "conversations_inbox_all_idx" ON "conversations"("account_id", "last_message_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_inbox_status_idx" ON "conversations"("account_id", "status", "last_message_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_inbox_assignee_idx" ON "conversations"("account_id", "assignee_id", "status", "last_message_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_inbox_channel_idx" ON "conversations"("channel_id", "status", "last_message_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "conversations_window_idx" ON "conversations"("account_id", "last_inbound_at");

-- CreateIndex
CREATE INDEX "conversations_snoozed_until_idx" ON "conversations"("snoozed_until");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_channel_id_contact_id_key" ON "conversations"("channel_id", "contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_channel_id_meta_thread_id_key" ON "conversations"("channel_id", "meta_thread_id");

-- CreateIndex
CREATE INDEX "messages_thread_idx" ON "messages"("conversation_id", "sent_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "messages_outbox_idx" ON "messages"("send_status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "messages_account_sent_at_idx" ON "messages"("account_id", "sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "messages_channel_id_mid_key" ON "messages"("channel_id", "mid");

-- CreateIndex
CREATE UNIQUE INDEX "messages_account_id_idempotency_key_key" ON "messages"("account_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "messages_text_trgm_idx" ON "messages" USING gin (text gin_trgm_ops);

-- CreateIndex
CREATE INDEX "notes_conversation_id_created_at_idx" ON "notes"("conversation_id", "created_at");

-- CreateIndex
CREATE INDEX "uploads_account_id_created_at_idx" ON "uploads"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_account_id_created_at_idx" ON "audit_events"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_conversation_id_created_at_idx" ON "audit_events"("conversation_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_account_id_type_created_at_idx" ON "audit_events"("account_id", "type", "created_at");

-- CreateIndex
CREATE INDEX "webhook_events_pending_idx" ON "webhook_events"("status", "id");

-- CreateIndex
CREATE INDEX "sync_runs_channel_id_created_at_idx" ON "sync_runs"("channel_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "jobs_due_idx" ON "jobs"("queue", "status", "run_at");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_singleton_key" ON "jobs" USING btree (queue, singleton_key) WHERE ((singleton_key IS NOT NULL) AND (status = ANY (ARRAY['QUEUED'::job_status, 'RUNNING'::job_status])));

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_connected_by_id_fkey" FOREIGN KEY ("connected_by_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_memberships" ADD CONSTRAINT "page_memberships_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_memberships" ADD CONSTRAINT "page_memberships_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_reactions" ADD CONSTRAINT "message_reactions_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;
