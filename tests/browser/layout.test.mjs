// On a phone and on a desktop: no horizontal scrolling, no failed request or console
// error, and text drawn in the intended Vietnamese-capable font (no fallback inside words).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DESKTOP, PAGES, PHONE, ROOT, buildSample, launch, open, serve } from "./support.mjs";

let server, browser;
before(async () => { server = await serve(buildSample()); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

/** Font families Chromium really used to draw the text of the first node matching each selector. */
async function fontsUsed(page, selectors) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const used = new Set();
  for (const selector of selectors) {
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) continue;
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    for (const f of fonts) used.add(f.familyName);
  }
  return [...used];
}

for (const [deviceName, device] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name} on a ${deviceName}: fits the width, loads cleanly, uses the Vietnamese font`, async () => {
      const context = await browser.newContext(device);
      const { page, problems } = await open(context, server.url(path));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
      assert.deepEqual(problems, []);
      const fonts = await fontsUsed(page, ["h1", "main p", "main li"]);
      assert.ok(fonts.length > 0, "no text found");
      for (const f of fonts) assert.match(f, /^Noto Sans/, `text fell back to ${f} (all: ${fonts})`);
      if (deviceName === "phone") {
        const smallest = await page.evaluate(() => {
          let min = Infinity;
          for (const el of document.querySelectorAll("main *, header *, footer *")) {
            if (!el.childNodes.length || ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
            const box = el.getBoundingClientRect();
            if (!box.width) continue;
            min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
          }
          return min;
        });
        if (name !== "poster") assert.ok(smallest >= 16, `text as small as ${smallest}px on a phone`);
        const dir = join(ROOT, "target", "screenshots");
        mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: join(dir, `${name}-phone.png`), fullPage: true });
      }
      await context.close();
    });
  }
}
