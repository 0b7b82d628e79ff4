// Bulk data for the inbox benchmark: 100,000 conversations and ~1,000,000 messages written by Postgres
// itself (INSERT … SELECT generate_series), so seeding takes seconds, not hours. Secondary indexes are
// dropped during the load and rebuilt after it (bulk index builds are far faster than 1M incremental
// inserts into GIN and random-uuid btrees), then the tables are vacuumed and analysed as a production
// database would be.
import type pg from "pg";

export interface BenchSeed {
  accountId: string;
  managerId: string;
  managerEmail: string;
  agentId: string;
  agentEmail: string;
  /** The conversation with 1,000 messages. */
  bigConversationId: string;
  conversations: number;
  messages: number;
}

const FIRST = ["Ana", "Jonas", "Yuki", "Chloé", "Samuel", "Priya", "Lucas", "Mia", "Omar", "Elena", "Kofi", "Sofia", "Liam", "Hana", "Mateo", "Zoe", "Ivan", "Aisha", "Noah", "Lea"];
const LAST = ["Souza", "Müller", "Tanaka", "Martin", "Okafor", "Sharma", "Rossi", "Kowalski", "Haddad", "Petrova", "Mensah", "García", "Smith", "Kim", "López", "Dubois", "Novak", "Khan", "Berg", "Costa"];
const PHRASES = [
  "Hi! My order hasn't shipped yet, can you check?",
  "Can I exchange the jacket for a larger size?",
  "Is the discount code still valid?",
  "Thanks for the refund, all good now.",
  "When will the blue sneakers be back in stock?",
  "The parcel arrived damaged, what should I do?",
  "Do you ship to Norway?",
  "I was charged twice for the same order",
  "Could you send me the invoice again please",
  "Where is my package? Tracking shows nothing",
  "Thanks, that solved it!",
  "We have sent a replacement, it arrives Friday.",
  "Your refund has been processed.",
  "Could you share your order number?",
  "Happy to help, anything else?",
  "The size guide says M but it feels like S",
  "Can I pick it up in store instead?",
  "Is there a warranty on the backpack?",
  "My code SAVE20 does not work at checkout",
  "Please cancel my order",
];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

export async function seedBench(
  client: pg.Client,
  { conversations = 100_000, messagesPerConversation = 10, bigThread = 1000, managerPasswordHash }: {
    conversations?: number;
    messagesPerConversation?: number;
    bigThread?: number;
    managerPasswordHash: string;
  },
  log: (line: string) => void,
): Promise<BenchSeed> {
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  await q("SET maintenance_work_mem = '512MB'");
  await q("SET synchronous_commit = off");

  const [{ id: accountId }] = (await q(`INSERT INTO accounts (name, timezone) VALUES ('Bench account', 'UTC') RETURNING id`)).rows;
  const managerEmail = "bench-manager@bench.test";
  const agentEmail = "bench-agent@bench.test";
  const [{ id: managerId }] = (
    await q(`INSERT INTO agents (account_id, email, name, password_hash, role) VALUES ($1, $2, 'Bench Manager', $3, 'MANAGER') RETURNING id`, [
      accountId,
      managerEmail,
      managerPasswordHash,
    ])
  ).rows;
  const [{ id: agentId }] = (
    await q(`INSERT INTO agents (account_id, email, name, password_hash, role) VALUES ($1, $2, 'Bench Agent', $3, 'AGENT') RETURNING id`, [
      accountId,
      agentEmail,
      managerPasswordHash,
    ])
  ).rows;
  await q(
    `INSERT INTO agents (account_id, email, name, password_hash, role)
     SELECT $1, 'agent' || i || '@bench.test', 'Agent ' || i, $2, 'AGENT' FROM generate_series(1, 19) i`,
    [accountId, managerPasswordHash],
  );
  const channels = (
    await q(
      `INSERT INTO channels (account_id, platform, meta_id, page_meta_id, name, human_agent_enabled)
       VALUES ($1, 'MESSENGER', '9000000000000001', '9000000000000001', 'Bench Page One', true),
              ($1, 'MESSENGER', '9000000000000002', '9000000000000002', 'Bench Page Two', true),
              ($1, 'INSTAGRAM', '17841490000000001', '9000000000000001', 'bench.one', true),
              ($1, 'INSTAGRAM', '17841490000000002', '9000000000000002', 'bench.two', false)
       RETURNING id`,
      [accountId],
    )
  ).rows.map((r) => r.id as string);
  // Every agent works two of the four channels.
  await q(
    `INSERT INTO page_memberships (agent_id, channel_id)
     SELECT a.id, ch.id FROM agents a JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM channels WHERE account_id = $1) ch
       ON (ch.n + hashtext(a.id::text)) % 2 = 0
     WHERE a.account_id = $1 AND a.role = 'AGENT'`,
    [accountId],
  );

  const dropped: string[] = [];
  for (const table of ["contacts", "conversations", "messages", "message_reactions"]) {
    const { rows } = await q(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary`,
      [table],
    );
    for (const row of rows) {
      dropped.push(row.def as string);
      await q(`DROP INDEX ${row.name}`);
    }
  }

  log(`seeding ${conversations} contacts and conversations`);
  await q(
    `INSERT INTO contacts (account_id, channel_id, platform_user_id, name, username)
     SELECT $1, ($2::uuid[])[1 + i % 4], 'U' || i,
            (${sqlArray(FIRST)})[1 + (i * 7) % ${FIRST.length}] || ' ' || (${sqlArray(LAST)})[1 + (i * 13 / 7) % ${LAST.length}] || ' ' || i,
            -- Instagram people (channels 3 and 4) have a username as well.
            CASE WHEN i % 4 >= 2 THEN lower((${sqlArray(FIRST)})[1 + (i * 7) % ${FIRST.length}]) || '.' || i END
       FROM generate_series(1, $3::int) i`,
    [accountId, channels, conversations],
  );
  // Times spread over 60 days; 70 % open, 20 % resolved, 7 % snoozed, 3 % pending; 40 % unassigned; 30 % unread.
  await q(
    `INSERT INTO conversations (account_id, channel_id, contact_id, meta_thread_id, status, assignee_id, snoozed_until,
                                last_inbound_at, last_inbound_kind, last_message_at, last_message_preview, last_message_direction,
                                unread_count, resolved_at)
     SELECT account_id, channel_id, id, 't_' || platform_user_id,
            (CASE WHEN rs < 0.70 THEN 'OPEN' WHEN rs < 0.90 THEN 'RESOLVED' WHEN rs < 0.97 THEN 'SNOOZED' ELSE 'PENDING' END)::conversation_status,
            CASE WHEN ra < 0.4 THEN NULL ELSE (SELECT array_agg(id ORDER BY id) FROM agents WHERE account_id = $1)[1 + floor((ra - 0.4) / 0.6 * 21)::int] END,
            CASE WHEN rs >= 0.90 AND rs < 0.97 THEN now() + interval '1 day' END,
            lai, 'MESSAGE', lai + CASE WHEN rd < 0.5 THEN interval '0' ELSE rd * interval '2 hours' END,
            (${sqlArray(PHRASES)})[1 + floor(rp * ${PHRASES.length})::int],
            (CASE WHEN rd < 0.5 THEN 'INBOUND' ELSE 'OUTBOUND' END)::message_direction,
            CASE WHEN ru < 0.3 THEN 1 + floor(ru * 10)::int ELSE 0 END,
            CASE WHEN rs >= 0.70 AND rs < 0.90 THEN lai + interval '3 hours' END
       FROM (SELECT *, random() AS rs, random() AS ra, random() AS rd, random() AS rp, random() AS ru,
                    now() - random() * interval '60 days' AS lai
               FROM contacts WHERE account_id = $1) p`,
    [accountId],
  );
  const [{ id: bigConversationId }] = (
    await q(`UPDATE conversations SET last_inbound_at = now() - interval '2 hours', last_message_at = now() - interval '1 hour', status = 'OPEN',
                    history_incomplete = true
              WHERE id = (SELECT id FROM conversations WHERE account_id = $1 ORDER BY id LIMIT 1) RETURNING id`, [accountId])
  ).rows;

  log(`seeding ${conversations * messagesPerConversation - messagesPerConversation + bigThread} messages`);
  const insertMessages = (where: string, series: string) =>
    q(
      `INSERT INTO messages (account_id, channel_id, conversation_id, mid, direction, sender_kind, agent_id, text, sent_at,
                             messaging_type, tag, send_status, attachments)
       SELECT c.account_id, c.channel_id, c.id, 'm_' || c.id || '_' || k,
              (CASE WHEN k % 2 = 0 THEN 'INBOUND' ELSE 'OUTBOUND' END)::message_direction,
              (CASE WHEN k % 2 = 0 THEN 'CONTACT' WHEN k % 7 = 3 THEN 'OTHER_APP' ELSE 'AGENT' END)::sender_kind,
              CASE WHEN k % 2 = 1 AND k % 7 <> 3 THEN c.assignee_id END,
              (${sqlArray(PHRASES)})[1 + (k + hashtext(c.id::text) & 1023) % ${PHRASES.length}] || ' #' || (1000 + k),
              c.last_message_at - k * interval '7 minutes',
              (CASE WHEN k % 2 = 1 THEN 'RESPONSE' END)::messaging_type, NULL,
              (CASE WHEN k % 2 = 1 THEN 'SENT' END)::send_status,
              CASE WHEN k % 50 = 4 THEN '[{"type":"image","url":"https://cdn.bench.test/photo.jpg"}]'::jsonb END
         FROM conversations c CROSS JOIN ${series} k
        WHERE c.account_id = $1 AND ${where}`,
      [accountId, bigConversationId],
    );
  await insertMessages("c.id <> $2", `generate_series(0, ${messagesPerConversation - 1})`);
  await insertMessages("c.id = $2", `generate_series(0, ${bigThread - 1})`);
  await q(
    `INSERT INTO message_reactions (message_id, actor, emoji, reaction, reacted_at)
     SELECT id, 'CONTACT', '❤️', 'love', sent_at FROM messages TABLESAMPLE BERNOULLI (2) WHERE direction = 'OUTBOUND'`,
  );

  log(`rebuilding ${dropped.length} indexes`);
  for (const def of dropped) await q(def);
  log("vacuum analyze");
  for (const table of ["contacts", "conversations", "messages", "message_reactions", "agents", "channels", "page_memberships"]) {
    await q(`VACUUM (ANALYZE) ${table}`);
  }
  const [{ count }] = (await q(`SELECT count(*)::int AS count FROM messages`)).rows;
  return { accountId, managerId, managerEmail, agentId, agentEmail, bigConversationId, conversations, messages: count };
}
