-- Comments: the Page's like, set from the inbox (Facebook Page comments only).
ALTER TABLE "comments" ADD COLUMN "liked_by_page" BOOLEAN NOT NULL DEFAULT false;
