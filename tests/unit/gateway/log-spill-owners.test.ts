// Which files in the spill folder belong to a dead process: a pid alone is not enough, as a
// container restarted after a kill gives its one process the same pid again. Real files in a
// temporary folder, read by a real LogSpill.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { encodeRow } from "@/lib/db/log-row-codec";
import { LogSpill } from "@/lib/gateway/log-spill";
import { logRow } from "../../support/request-rows";

const ownStart = Number(readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ")[19]);
let dir: string;

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function leave(owner: string) {
  const row = logRow("ws");
  writeFileSync(path.join(dir, `${owner}.0.jsonl`), `${encodeRow(row)}\n`);
  return row;
}

it("adopts the files of an earlier process with this pid, and not those of a live one", async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tollgate-owners-"));
  const earlier = leave(`${process.pid}-${(ownStart - 1).toString(16)}0badf00d`);
  leave(`${process.pid}-${ownStart.toString(16)}0badf00d`); // another queue of this process
  leave(`${process.pid}-0badf00d`); // an older version's name, no start time: the pid decides
  const spill = new LogSpill({ dir, segmentRows: 10, maxBytes: 1e6 });
  expect(spill.rows).toBe(1);
  expect((await spill.oldest())!.rows.map((r) => r.id)).toEqual([earlier.id]);
});

it("adopts the files of a pid that no process holds, whatever their name's form", () => {
  dir = mkdtempSync(path.join(tmpdir(), "tollgate-owners-"));
  const gone = 2 ** 22 + 1; // above Linux's largest pid
  leave(`${gone}-${ownStart.toString(16)}0badf00d`);
  leave(`${gone}-0badf00e`);
  leave("closed-0badf00f");
  expect(new LogSpill({ dir, segmentRows: 10, maxBytes: 1e6 }).rows).toBe(3);
});
