// Every HTML page of the sample site passes the Nu HTML checker (vnu.jar, errors only).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildSample } from "./support.mjs";

test("the built site is valid HTML", () => {
  const site = buildSample();
  const jar = join(dirname(createRequire(import.meta.url).resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
  let output = "";
  try {
    execFileSync("java", ["-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu", site], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    output = (e.stderr || "") + (e.stdout || "");
  }
  assert.equal(output.trim(), "", "vnu reported errors");
});
