-- The one-line preview of a message shown in the conversation list, in one place for every writer of
-- conversations.last_message_preview (the summary of synced messages and the confirmation of our own sends).
-- A message's text when it has one; otherwise what it is, naming the file when we know its name
-- ("File: invoice.pdf", "Photo: receipt.jpg +2"), so an agent scanning the list knows what arrived.
CREATE OR REPLACE FUNCTION message_preview(body text, kind text, payload jsonb, attachments jsonb)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(
    NULLIF(body, ''),
    CASE WHEN kind = 'REFERRAL' THEN
      CASE WHEN payload->>'source' = 'ADS' OR payload ? 'ad_id' THEN 'Opened the conversation from an ad'
           ELSE 'Opened the conversation from a link' END END,
    CASE WHEN jsonb_typeof(attachments) = 'array' AND jsonb_array_length(attachments) > 0 THEN
      CASE attachments->0->>'type'
        WHEN 'image' THEN 'Photo' WHEN 'video' THEN 'Video' WHEN 'audio' THEN 'Voice message'
        WHEN 'sticker' THEN 'Sticker' WHEN 'file' THEN 'File' ELSE 'Attachment' END
      || COALESCE(': ' || NULLIF(attachments->0->>'name', ''), '')
      || CASE WHEN jsonb_array_length(attachments) > 1 THEN ' +' || (jsonb_array_length(attachments) - 1)::text ELSE '' END
    END,
    '')
$$;
