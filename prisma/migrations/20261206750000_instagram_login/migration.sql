-- Instagram API with Instagram Login: a channel records which login its token came from, and the lifetime of
-- Instagram's long-lived tokens (refreshed by the channels.refresh-instagram-tokens job).
CREATE TYPE "channel_connection" AS ENUM ('FACEBOOK_LOGIN', 'INSTAGRAM_LOGIN');

ALTER TABLE "channels"
    ADD COLUMN "connection" "channel_connection" NOT NULL DEFAULT 'FACEBOOK_LOGIN',
    ADD COLUMN "token_obtained_at" TIMESTAMPTZ(3),
    ADD COLUMN "token_expires_at" TIMESTAMPTZ(3),
    ADD COLUMN "token_refresh_at" TIMESTAMPTZ(3),
    ADD COLUMN "token_refresh_error" TEXT;

CREATE INDEX "channels_token_refresh_at_idx" ON "channels"("token_refresh_at");
