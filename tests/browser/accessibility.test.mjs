// axe-core with the WCAG 2.0/2.1 A and AA rules and WCAG 2.2 AA, on every kind of page, on
// a phone and on a desktop: no serious or critical violation.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { DESKTOP, PAGES, PHONE, buildSample, launch, open, serve } from "./support.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let server, browser;
before(async () => { server = await serve(buildSample()); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

for (const [deviceName, device] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name} on a ${deviceName} has no serious accessibility violation`, async () => {
      const context = await browser.newContext(device);
      const { page } = await open(context, server.url(path));
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      }));
      const all = result.violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help}`);
      if (all.length) console.log(`# ${name} (${deviceName}) minor findings:\n# ` + all.join("\n# "));
      const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), []);
      await context.close();
    });
  }
}
