// axe-core with the WCAG 2.0/2.1 A and AA rules and WCAG 2.2 AA, on every kind of page, on
// a phone and on a desktop: no serious or critical violation.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { DESKTOP, PAGES, PHONE, buildImported, buildSample, launch, open, serve } from "./support.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let server, browser;
before(async () => { server = await serve(buildSample()); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

/** axe's serious and critical findings on the page open in `page`. */
async function serious(page, label) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  }));
  const all = result.violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help}`);
  if (all.length) console.log(`# ${label} minor findings:\n# ` + all.join("\n# "));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
}

test("a long imported page (cases folded, contents list, unclear facts) has no serious violation", async (t) => {
  const site = buildImported();
  if (!site) { t.skip("shared national records absent"); return; }
  const imported = await serve(site);
  // 1.011441: nine document cases folded, repeated descriptions; 2.000779: a fee both free
  // and charged, online listed without a service.
  for (const code of ["1.011441", "2.000779"]) {
    const context = await browser.newContext(PHONE);
    const { page } = await open(context, imported.url(`tthc/${code}/`));
    assert.deepEqual(await serious(page, code), []);
    await context.close();
  }
  imported.close();
});

for (const [deviceName, device] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name} on a ${deviceName} has no serious accessibility violation`, async () => {
      const context = await browser.newContext(device);
      const { page } = await open(context, server.url(path));
      assert.deepEqual(await serious(page, `${name} (${deviceName})`), []);
      await context.close();
    });
  }
}
