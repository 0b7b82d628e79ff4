-- The send API refuses an Idempotency-Key reused for a different request (409); the hash of the first
-- request is kept beside the key.
-- AlterTable
ALTER TABLE "messages" ADD COLUMN "send_request_hash" TEXT;
