// The search benchmark (bench.mjs) still runs: on the sample portal, one run of one query.
// Its figures are not checked (shared machines are noisy); what is checked is that the probe
// issued the query and saw its results, and that the bytes were counted.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { buildPortal } from "./portal.mjs";

const dir = buildPortal();
after(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

test("bench.mjs reports a first query's results, time and bytes", () => {
  const out = execFileSync("node", ["bench.mjs", dir, "--runs", "1", "--settle", "0", "sampah"], {
    cwd: new URL(".", import.meta.url).pathname,
    encoding: "utf8",
    timeout: 60000,
  });
  // content/: the reports about waste (bank sampah, TPST, …) are found.
  const line = out.split("\n").find((l) => l.startsWith('"sampah":'));
  assert.ok(line, out);
  assert.match(line, /: \d+ hasil, [1-6] shown; \d+ ms median/);
  assert.match(line, /shards \d+×\d+\.\dK/);
  assert.match(line, /meta \d+×\d+\.\dK/);
  assert.match(out, /largest first query: [1-9]\d*\.\dK gzipped/);
});
