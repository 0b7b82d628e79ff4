// npm run db:migrate — applies pending migrations to DATABASE_URL (or the embedded demo database).
import { openAppDatabase } from "./db/app-database";
import { migrate } from "./db/migrate";

const db = await openAppDatabase((line) => console.log(line));
try {
  const result = await migrate(db.url, { log: (line) => console.log(line) });
  console.log(
    result.applied.length === 0
      ? `database is up to date (${result.alreadyApplied} migrations applied)`
      : `applied ${result.applied.length} migration(s)`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
