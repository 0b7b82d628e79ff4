-- Before resending a message whose earlier Send API call Meta never confirmed, the outbox reads the thread
-- back at Meta (a lost echo must not become a duplicate): when that unconfirmed call started, and how many
-- reads the message has used.
-- AlterTable
ALTER TABLE "messages" ADD COLUMN "send_checks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "send_unconfirmed_since" TIMESTAMPTZ(3);
