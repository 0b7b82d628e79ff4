// `npm run bench:search`: how the inbox search runs at 100,000 conversations and ~1,000,000 messages. It seeds
// the same data as bench:inbox (inbox-seed.ts: names with accents, Instagram usernames), then prints
// EXPLAIN (ANALYZE) of each search the list API makes — the frequency probe and the page with the strategy the
// probe picks — for a name typed without its accent, a username with and without "@", and a frequent term.
// Plans go to stderr; one JSON line on stdout. Fails when any plan reads contacts, conversations or messages
// with a sequential scan. Options: --conversations=N (default 100000).
import { performance } from "node:perf_hooks";
import pg from "pg";
import { conversationListSql, searchProbeSql, strategyForProbe } from "@/lib/conversations/conversation-list-sql";
import { seedBench } from "./inbox-seed";
import { createTestDatabase, startTestServer, type TestServer } from "../testing/test-database";

const log = (line: string) => process.stderr.write(`bench    │ ${line}\n`);
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);

async function main() {
  let server: TestServer | undefined;
  let client: pg.Client | undefined;
  try {
    server = await startTestServer(log);
    const databaseUrl = await createTestDatabase(server.adminUrl, server.template, "bench-search");
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const seed = await seedBench(client, { conversations: arg("conversations", 100_000), managerPasswordHash: "x" }, log);
    // A person with an accented name and a username, to search for as an agent would type it.
    const { rows } = await client.query<{ name: string; username: string }>(
      `SELECT p.name, p.username FROM contacts p JOIN conversations c ON c.contact_id = p.id
        WHERE p.account_id = $1 AND p.name LIKE '%Müller%' AND p.username IS NOT NULL AND c.status <> 'RESOLVED'
        ORDER BY p.platform_user_id LIMIT 1`,
      [seed.accountId],
    );
    const person = rows[0]!;
    const number = person.name.split(" ").at(-1)!;
    const terms = {
      accent_folded_name: `muller ${number}`,
      username_with_at: `@${person.username}`,
      username_part: person.username.slice(0, -1),
      frequent_name: "muller",
    };
    log(`searching for ${person.name} (@${person.username}) among ${seed.conversations} conversations, ${seed.messages} messages`);

    const plans: Record<string, { strategy: string; rows: number; ms: number; seqScans: string[]; plan: string[] }> = {};
    const explain = async (text: string, values: unknown[]) =>
      (await client!.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF) ${text}`, values)).rows.map((r) => r["QUERY PLAN"]);
    const seqScansIn = (plan: string[]) => plan.filter((line) => /Seq Scan on (contacts|conversations|messages)\b/.test(line)).map((l) => l.trim());
    for (const [name, term] of Object.entries(terms)) {
      const probe = searchProbeSql({ accountId: seed.accountId, search: term });
      const strategy = strategyForProbe((await client.query<{ frequent: boolean; messages_frequent: boolean }>(probe.text, probe.values)).rows[0]);
      const page = conversationListSql({
        accountId: seed.accountId,
        agentId: seed.managerId,
        channelIds: null,
        platform: null,
        folder: "all",
        search: term,
        searchStrategy: strategy,
        cursor: null,
        limit: 51,
        now: new Date(),
      });
      // Median of 7 runs (the first reads the pages from disk).
      let found = 0;
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        found = (await client.query(page.text, page.values)).rowCount ?? 0;
        samples.push(performance.now() - started);
      }
      const ms = Math.round(samples.sort((a, b) => a - b)[3]! * 10) / 10;
      const plan = [...(await explain(probe.text, probe.values)).map((l) => `probe │ ${l}`), ...(await explain(page.text, page.values)).map((l) => `page  │ ${l}`)];
      plans[name] = { strategy, rows: found, ms, seqScans: seqScansIn(plan), plan };
      log(`── ${name}: "${term}" → ${strategy}, ${found} rows in ${ms} ms (median of 7)`);
      for (const line of plan) log(line);
    }
    const seqScans = Object.values(plans).flatMap((p) => p.seqScans);
    process.stdout.write(
      JSON.stringify({
        bench: "search-explain",
        conversations: seed.conversations,
        messages: seed.messages,
        terms,
        results: Object.fromEntries(Object.entries(plans).map(([k, v]) => [k, { strategy: v.strategy, rows: v.rows, ms: v.ms, seqScans: v.seqScans }])),
        pass: seqScans.length === 0,
      }) + "\n",
    );
    process.exitCode = seqScans.length === 0 ? 0 : 1;
  } finally {
    await client?.end().catch(() => {});
    await server?.stop().catch((error: Error) => log(`cleanup: ${error.message}`));
  }
}

main().catch((error: Error) => {
  log(`failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
