-- Comments and private replies: posts/media, comments (webhooks + backfill), the private-reply link on messages,
-- and the permissions each channel was granted.

CREATE TYPE "comment_status" AS ENUM ('OPEN', 'RESOLVED');

-- CreateTable
CREATE TABLE "social_posts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "meta_post_id" TEXT NOT NULL,
    "permalink" TEXT,
    "caption" TEXT,
    "picture_url" TEXT,
    "ad_id" TEXT,
    "ad_title" TEXT,
    "media_product_type" TEXT,
    "meta_created_at" TIMESTAMPTZ(3),
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "social_posts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "meta_comment_id" TEXT,
    "parent_meta_id" TEXT,
    "author_meta_id" TEXT NOT NULL,
    "author_name" TEXT,
    "author_username" TEXT,
    "by_page" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT,
    "meta_created_at" TIMESTAMPTZ(3) NOT NULL,
    "text_at" TIMESTAMPTZ(3),
    "edited_at" TIMESTAMPTZ(3),
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "hidden_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "is_live" BOOLEAN NOT NULL DEFAULT false,
    "status" "comment_status" NOT NULL DEFAULT 'OPEN',
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    "agent_id" UUID,
    "idempotency_key" TEXT,
    "send_request_hash" TEXT,
    "send_status" "send_status",
    "error_message" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "social_posts_activity_idx" ON "social_posts"("account_id", "last_activity_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "social_posts_channel_id_meta_post_id_key" ON "social_posts"("channel_id", "meta_post_id");

-- CreateIndex
CREATE INDEX "comments_post_id_meta_created_at_idx" ON "comments"("post_id", "meta_created_at");

-- CreateIndex
CREATE INDEX "comments_channel_id_parent_meta_id_idx" ON "comments"("channel_id", "parent_meta_id");

-- CreateIndex
CREATE INDEX "comments_account_id_status_meta_created_at_idx" ON "comments"("account_id", "status", "meta_created_at");

-- CreateIndex
CREATE UNIQUE INDEX "comments_channel_id_meta_comment_id_key" ON "comments"("channel_id", "meta_comment_id");

-- CreateIndex
CREATE UNIQUE INDEX "comments_account_id_idempotency_key_key" ON "comments"("account_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "social_posts" ADD CONSTRAINT "social_posts_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "social_posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "agents"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "channels" ADD COLUMN "granted_scopes" JSONB;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN "private_reply_comment_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "messages_private_reply_comment_id_key" ON "messages"("private_reply_comment_id");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_private_reply_comment_id_fkey" FOREIGN KEY ("private_reply_comment_id") REFERENCES "comments"("id") ON DELETE SET NULL ON UPDATE CASCADE;
