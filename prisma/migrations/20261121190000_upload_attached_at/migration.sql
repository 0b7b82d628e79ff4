-- Uploads an agent never sent are pruned after a retention period; the ones a message carries are kept.
-- AlterTable
ALTER TABLE "uploads" ADD COLUMN "attached_at" TIMESTAMPTZ(3);

-- Uploads already sent: a message's attachments name them by uploadId (one scan, once).
UPDATE "uploads" AS u SET "attached_at" = u."created_at"
WHERE EXISTS (
  SELECT 1 FROM "messages" AS m
  WHERE m."account_id" = u."account_id"
    AND m."attachments" @> jsonb_build_array(jsonb_build_object('uploadId', u."id"::text))
);

-- CreateIndex
CREATE INDEX "uploads_attached_at_created_at_idx" ON "uploads"("attached_at", "created_at");
