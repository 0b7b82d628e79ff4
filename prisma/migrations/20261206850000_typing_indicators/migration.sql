-- The typing throttle moves from each process's memory to Postgres, so several app instances share it.
-- CreateTable
CREATE TABLE "typing_indicators" (
    "conversation_id" UUID NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "typing_indicators_pkey" PRIMARY KEY ("conversation_id")
);
