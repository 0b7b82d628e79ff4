import "server-only";
import { pool } from "@/lib/db";
import { SEARCH_FREQUENT_AT, searchProbeSql, strategyForProbe, type SearchStrategy } from "./conversation-list-sql";

/**
 * A probe that has not finished by then is counting a very frequent term (the trigram index holds tens of
 * thousands of matches): that answer is enough, and waiting longer would cost what the probe is meant to save.
 */
export const SEARCH_PROBE_TIMEOUT_MS = 60;

/** How to run a search: through its matches when the term is rare, walking the folder when it is frequent. */
export async function chooseSearchStrategy({
  accountId,
  search,
  frequentAt = SEARCH_FREQUENT_AT,
}: {
  accountId: string;
  search: string;
  frequentAt?: number;
}): Promise<SearchStrategy> {
  const probe = searchProbeSql({ accountId, search, cap: frequentAt });
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('statement_timeout', $1, true)", [String(SEARCH_PROBE_TIMEOUT_MS)]);
    try {
      const { rows } = await client.query<{ frequent: boolean; messages_frequent: boolean }>(probe.text, probe.values);
      return strategyForProbe(rows[0]);
    } catch (error) {
      if ((error as { code?: string }).code === "57014") return "scan";
      throw error;
    }
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
