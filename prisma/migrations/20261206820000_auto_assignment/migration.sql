-- Presence of agents and automatic assignment per channel (decided in Postgres under an advisory lock).
-- CreateEnum
CREATE TYPE "agent_availability" AS ENUM ('ONLINE', 'AWAY', 'OFFLINE');

-- CreateEnum
CREATE TYPE "assignment_mode" AS ENUM ('OFF', 'ROUND_ROBIN', 'LEAST_OPEN');

-- AlterTable
ALTER TABLE "agents" ADD COLUMN "availability" "agent_availability" NOT NULL DEFAULT 'OFFLINE',
ADD COLUMN "availability_changed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "channels" ADD COLUMN "assignment_mode" "assignment_mode" NOT NULL DEFAULT 'OFF',
ADD COLUMN "assignment_capacity" INTEGER,
ADD COLUMN "assignment_last_agent_id" UUID;
