// Posters and label sheets as a clerk prints them: every sheet of the sample and of the
// imported national records is laid out for print on A4 and checked for clipped text (any
// box whose content overflows it); then the sample's procedure posters and the 20 real ones
// with the longest names are printed to PDF, rasterised at 50 dpi and decoded with zbar:
// each holds exactly its permanent address.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildImported, buildSample, launch, serve, tempDir } from "./support.mjs";

const A4 = { width: 794, height: 1123 }; // CSS px at 96 dpi
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every poster and label page of a built site, as routes. */
function printables(site) {
  const found = [];
  const walk = (dir, route) => {
    for (const name of readdirSync(join(site, dir), { withFileTypes: true })) {
      if (name.isDirectory()) walk(join(dir, name.name), route + name.name + "/");
      else if (name.name === "index.html" && route !== "ap-phich/" && !route.startsWith("ap-phich/danh-sach/")) found.push(route);
    }
  };
  walk("ap-phich", "ap-phich/");
  return found;
}

/**
 * On a procedure poster that leaves documents out ("Và 3 giấy tờ khác"), the blank between
 * its last block and its foot, in mm: a sheet is filled before anything is left out.
 */
async function blankWhileHiding(page) {
  return page.evaluate(() => {
    const sheet = document.querySelector(".sheet");
    const foot = sheet?.querySelector(".foot");
    const hiding = [...(sheet?.querySelectorAll(".more") ?? [])].some((m) => /giấy tờ/.test(m.textContent));
    if (!foot || !hiding) return null;
    let last = 0;
    for (const el of sheet.children) if (el !== foot) last = Math.max(last, el.getBoundingClientRect().bottom);
    return (foot.getBoundingClientRect().top - last) * 25.4 / 96;
  });
}

/** Boxes whose content overflows them on each sheet, in print layout. */
async function clipped(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [n, sheet] of [...document.querySelectorAll(".sheet")].entries()) {
      for (const el of [sheet, ...sheet.querySelectorAll("*")]) {
        if (el.tagName === "svg" || el.closest("svg")) continue;
        const over = el.scrollHeight - el.clientHeight;
        if (el.clientHeight > 0 && over > 1 && getComputedStyle(el).overflow !== "visible") {
          out.push(`sheet ${n + 1}: <${el.tagName.toLowerCase()} class="${el.className}"> overflows by ${over}px`);
        }
        const style = getComputedStyle(el);
        if (style.webkitLineClamp && style.webkitLineClamp !== "none") out.push(`sheet ${n + 1}: line clamp on ${el.className}`);
      }
      // Nothing drawn below the sheet's padding box.
      const bottom = sheet.getBoundingClientRect().bottom;
      for (const el of sheet.querySelectorAll("*")) {
        if (el.getBoundingClientRect().bottom > bottom + 1) { out.push(`sheet ${n + 1}: ${el.tagName} below the sheet`); break; }
      }
    }
    return out;
  });
}

async function checkAll(site, label) {
  const server = await serve(site);
  const context = await browser.newContext({ viewport: A4 });
  const page = await context.newPage();
  await page.emulateMedia({ media: "print" });
  const routes = printables(site);
  const problems = [];
  let sheets = 0;
  const blanks = [];
  for (const route of routes) {
    await page.goto(server.url(route));
    sheets += await page.$$eval(".sheet", (s) => s.length);
    for (const p of await clipped(page)) problems.push(`${route}: ${p}`);
    if (route.startsWith("ap-phich/tthc/")) {
      const blank = await blankWhileHiding(page);
      if (blank !== null) {
        blanks.push(blank);
        if (blank >= 15) problems.push(`${route}: leaves documents out above ${blank.toFixed(0)} mm of blank sheet`);
      }
    }
  }
  await context.close();
  server.close();
  blanks.sort((a, b) => a - b);
  console.log(`# ${label}: ${routes.length} poster and label pages, ${sheets} A4 sheets, ${problems.length} problems; ${blanks.length} procedure posters leave documents out, blank above the foot at most ${(blanks.at(-1) ?? 0).toFixed(1)} mm`);
  assert.ok(routes.length > 0);
  assert.deepEqual(problems.slice(0, 20), []);
}

/** Prints a route to PDF with Chromium, rasterises page 1 at `dpi`, returns what zbar reads. */
async function printAndScan(server, route, dir, name, dpi = 50) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url(route));
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await context.close();
  const info = execFileSync("pdfinfo", [pdf]).toString();
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  const a4 = /A4/.test(info.match(/Page size:.*/)[0]);
  execFileSync("pdftoppm", ["-r", String(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", pdf, join(dir, name)]);
  let codes = [];
  try {
    codes = execFileSync("zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", join(dir, `${name}.png`)],
      { stdio: ["ignore", "pipe", "ignore"] })
      .toString().trim().split("\n").filter(Boolean);
  } catch { /* zbarimg exits non-zero when it reads nothing */ }
  return { pages, a4, codes };
}

async function scanPosters(site, label, codes, base) {
  const server = await serve(site);
  const dir = tempDir("congkhai-print-");
  const failures = [];
  for (const code of codes) {
    const { pages, a4, codes: read } = await printAndScan(server, `ap-phich/tthc/${code}/`, dir, code);
    const expected = `${base}tthc/${code}/`;
    if (pages !== 1 || !a4 || read.length !== 1 || read[0] !== expected) {
      failures.push(`${code}: ${pages} pages, A4 ${a4}, read ${JSON.stringify(read)}`);
    }
  }
  server.close();
  console.log(`# ${label}: ${codes.length} posters printed to PDF, ${codes.length - failures.length} one A4 page decoding to their address at 50 dpi`);
  assert.deepEqual(failures, []);
}

/** Active procedure codes with a poster, longest short name first. */
function posterCodes(site) {
  return readdirSync(join(site, "ap-phich", "tthc"));
}

test("sample: no sheet clips text, and every procedure poster scans at 50 dpi", async () => {
  const site = buildSample();
  await checkAll(site, "sample");
  await scanPosters(site, "sample", posterCodes(site), "https://tthc.camau.gov.vn/");
});

test("a poster's fonts are the site's own: each @font-face source the stylesheet names is served", async () => {
  const server = await serve(buildSample());
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url("ap-phich/tthc/1.001193/"));
  const faces = await page.evaluate(async () => {
    const sheet = [...document.styleSheets].find((s) => /poster\.css$/.test(s.href));
    const rules = [...sheet.cssRules].filter((r) => r.constructor.name === "CSSFontFaceRule");
    const out = [];
    for (const r of rules) {
      const src = r.style.getPropertyValue("src");
      const url = src.match(/url\("?([^")]+)"?\)/)[1];
      const response = await fetch(new URL(url, sheet.href));
      const bytes = (await response.arrayBuffer()).byteLength;
      out.push({ weight: r.style.getPropertyValue("font-weight"), status: response.status, bytes });
    }
    await document.fonts.ready;
    out.push({ rendered: document.fonts.check('12pt "Noto Sans"') && document.fonts.check('bold 12pt "Noto Sans"') });
    return out;
  });
  await context.close();
  server.close();
  assert.equal(faces.length, 3, JSON.stringify(faces));
  for (const f of faces.slice(0, 2)) {
    assert.equal(f.status, 200, JSON.stringify(f));
    assert.ok(f.bytes > 100_000, JSON.stringify(f));
  }
  assert.deepEqual(faces.map((f) => f.weight).slice(0, 2), ["400", "700"]);
  assert.equal(faces[2].rendered, true);
});

test("a poster opened from disk, as saved by a clerk, is still styled for A4", async () => {
  const site = buildSample();
  // Wider than A4: an unstyled sheet would take the window's width.
  const context = await browser.newContext({ viewport: { width: 1100, height: 1200 } });
  const page = await context.newPage();
  await page.goto("file://" + join(site, "ap-phich", "tthc", "1.001193", "index.html"));
  await page.emulateMedia({ media: "print" });
  const width = await page.$eval(".sheet", (s) => s.getBoundingClientRect().width);
  assert.ok(Math.abs(width - 793.7) < 2, `sheet is ${width}px wide, not A4 (stylesheet missing?)`);
  await context.close();
});

test("imported national records: no sheet clips text; the 20 longest names scan at 50 dpi", async (t) => {
  const site = buildImported();
  if (!site) { t.skip("shared national records absent"); return; }
  await checkAll(site, "national records");
  // The longest names, from the pages' headings as the build wrote them.
  const names = posterCodes(site).map((code) => {
    const html = execFileSync("cat", [join(site, "tthc", code, "index.html")]).toString();
    const full = (html.match(/<p class="fullname">Tên đầy đủ: ([^<]*)<\/p>/) || html.match(/<h1[^>]*>([^<]*)<\/h1>/))[1];
    return [full.length, code];
  }).sort((a, b) => b[0] - a[0]);
  const base = execFileSync("grep", ["-o", "https://[^\"]*/tthc/" + names[0][1] + "/", join(site, "tthc", names[0][1], "index.html")]).toString().split("\n")[0].replace(/tthc\/.*$/, "");
  await scanPosters(site, "national records", names.slice(0, 20).map(([, code]) => code), base);
});
