-- Conversations API pacing moves from each process's memory to Postgres, so several processes share Meta's
-- 2 calls/s per Page.
-- CreateTable
CREATE TABLE "graph_pacing" (
    "owner" TEXT NOT NULL,
    "next_slot_at" TIMESTAMPTZ(6) NOT NULL,
    "paused_until" TIMESTAMPTZ(6),

    CONSTRAINT "graph_pacing_pkey" PRIMARY KEY ("owner")
);
