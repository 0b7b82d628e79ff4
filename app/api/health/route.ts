import { pool } from "@/lib/db";
import { withPublic } from "@/lib/api/handler";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for load balancers and the demo launcher. */
export const GET = withPublic(async () => {
  try {
    await Promise.race([
      pool.query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database check timed out")), 2000)),
    ]);
    return Response.json({ ok: true, db: "up" });
  } catch {
    return Response.json({ ok: false, db: "down" }, { status: 503 });
  }
});
