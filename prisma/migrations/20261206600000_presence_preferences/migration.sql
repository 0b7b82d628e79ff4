-- Presence of agents in conversations (heartbeats shared by every app instance) and per-agent preferences.
ALTER TABLE "agents" ADD COLUMN "preferences" JSONB;

-- CreateTable
CREATE TABLE "conversation_presence" (
    "conversation_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "typing_until" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_presence_pkey" PRIMARY KEY ("conversation_id","agent_id","client_id")
);

-- CreateIndex
CREATE INDEX "conversation_presence_expires_at_idx" ON "conversation_presence"("expires_at");

-- AddForeignKey
ALTER TABLE "conversation_presence" ADD CONSTRAINT "conversation_presence_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_presence" ADD CONSTRAINT "conversation_presence_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
