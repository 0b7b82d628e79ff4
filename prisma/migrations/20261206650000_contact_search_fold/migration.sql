-- Search finds people by name or Instagram username, ignoring case and accents ("muller" finds Jürgen Müller,
-- "vale" and "@vale.bianchi" find the username vale.bianchi), through a trigram index on the folded text.
--
-- inbox_search_fold: Unicode NFD, combining marks (U+0300–U+036F) removed, lower case. The browser-side twin is
-- lib/conversations/search-fold.ts (a test runs both over the same strings). `normalize` is built in and
-- immutable, so no extension (unaccent) is needed. Lower case uses the pg_c_utf8 collation (Postgres 17+:
-- Unicode case mapping whatever the database locale); older servers fall back to the database's own `lower`,
-- and the queries compare with ILIKE, so ASCII case is ignored either way.
DO $do$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'pg_c_utf8') THEN
    CREATE FUNCTION inbox_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $f$ SELECT lower(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]', '', 'g') COLLATE pg_c_utf8) $f$;
  ELSE
    CREATE FUNCTION inbox_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $f$ SELECT lower(regexp_replace(normalize(t, NFD), '[\u0300-\u036f]', '', 'g')) $f$;
  END IF;
END
$do$;

-- What a contact is found by: "<name> @<username>", folded. Not STRICT: either part may be missing. The call is
-- schema-qualified: index builds run with a search_path of pg_catalog only.
CREATE FUNCTION inbox_contact_search_text(name text, username text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $f$ SELECT public.inbox_search_fold(coalesce(name, '') || coalesce(' @' || username, '')) $f$;

CREATE INDEX "contacts_search_trgm_idx" ON "contacts" USING gin (inbox_contact_search_text(name, username) gin_trgm_ops);
DROP INDEX "contacts_name_trgm_idx";
