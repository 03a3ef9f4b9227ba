import { type Db, dialectOf } from "./client";
import { rebuildRollupsSql } from "./rollups";

/** Recomputes the hourly rollups from the request log, atomically. */
export async function rebuildRollups(db: Db): Promise<void> {
  await db.$transaction(rebuildRollupsSql(dialectOf(db)).map((statement) => db.$executeRawUnsafe(statement)));
}
