// What a citizen came for, on the first phone screen: on every procedure page of the sample
// and of the imported national records, at 390×844, the time limit, the fee, where to apply
// and whether it can be done online (with the button, when there is one) are all visible
// without scrolling; and the office's hours say whether it is open today. On the same pages,
// what a citizen can trust: no heading or summary fact cut short, a source without a unit or
// contradicting itself said plainly ("chưa rõ", with whom to ask), and a contents list on
// every page longer than four screens.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PHONE, buildImported, buildSample, launch, serve } from "./support.mjs";

const SCREEN = PHONE.viewport.height;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What the page says at a glance, and how long it is. */
async function reading(page) {
  return page.evaluate(() => {
    const text = (s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim());
    const glance = document.querySelector("main .glance");
    const contents = document.querySelector("main nav.contents");
    return {
      h1: document.querySelector("main h1").textContent.trim(),
      facts: text("main .glance [data-fact=time], main .glance [data-fact=fee]"),
      glance: glance.textContent,
      unclear: document.querySelector("main [data-fact=unclear]") !== null,
      channels: document.querySelector("#cach-thuc")?.parentElement.textContent ?? "",
      height: document.documentElement.scrollHeight,
      contentsAfterSummary: contents !== null && contents.getBoundingClientRect().top >= glance.getBoundingClientRect().bottom,
    };
  });
}

/** What a page must not do to a citizen's trust; one line per breach. */
function untrusted(code, r) {
  const out = [];
  if (/(…|\.\.\.)$/.test(r.h1)) out.push(`${code}: heading cut: ${r.h1}`);
  for (const f of r.facts) {
    if (/…$/.test(f)) out.push(`${code}: fact cut: ${f}`);
    if ((f.match(/\(/g) || []).length !== (f.match(/\)/g) || []).length) out.push(`${code}: fact cut inside brackets: ${f}`);
  }
  const unitless = /nguồn không ghi đơn vị/.test(r.channels);
  const contradicting = /Miễn phí \((Mức lệ phí|Theo mức thu|áp dụng mức)/.test(r.channels);
  if ((unitless || contradicting) && !(/chưa rõ/.test(r.glance) && r.unclear)) out.push(`${code}: unclear source shown as a fact`);
  if (/Trực tuyến/.test(r.glance) && /Chưa có thông tin về nộp trên mạng/.test(r.glance)) out.push(`${code}: online listed and denied`);
  if (r.height > 4 * SCREEN && !r.contentsAfterSummary) out.push(`${code}: ${(r.height / SCREEN).toFixed(1)} screens and no contents list after the summary`);
  return out;
}

/** Where each fact starts and ends on the page, in px from the top, for one procedure page. */
async function positions(page) {
  return page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
    };
    const first = (s) => box(document.querySelector(`main [data-fact="${s}"]`));
    return {
      time: first("time"), fee: first("fee"), office: first("office"), online: first("online"),
      button: box(document.querySelector("main [data-fact=online] .button")),
    };
  });
}

async function check(site, label) {
  const server = await serve(site);
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const codes = readdirSync(join(site, "tthc")).filter((c) => /^\d/.test(c));
  const seen = { time: [], fee: [], office: [], online: [], button: [] };
  const late = [];
  const distrust = [];
  let long = 0, unclear = 0;
  for (const code of codes) {
    await page.goto(server.url(`tthc/${code}/`));
    const r = await reading(page);
    distrust.push(...untrusted(code, r));
    if (r.height > 4 * SCREEN) long++;
    if (r.unclear) unclear++;
    const at = await positions(page);
    for (const fact of ["time", "fee", "office", "online"]) {
      assert.ok(at[fact], `${label} ${code}: no ${fact} on the page`);
    }
    for (const [fact, b] of Object.entries(at)) {
      if (!b) continue;
      seen[fact].push(b.top);
      // A fact counts as seen when its first line is on the screen; a button, whole.
      const shown = fact === "button" ? b.bottom <= SCREEN : b.top + 24 <= SCREEN;
      if (!shown) late.push(`${code} ${fact} at ${Math.round(b.top)}–${Math.round(b.bottom)} px`);
    }
  }
  await context.close();
  server.close();
  const report = Object.entries(seen).map(([fact, tops]) => {
    tops.sort((a, b) => a - b);
    const screens = (px) => (px / SCREEN).toFixed(2);
    return `${fact}: ${tops.length} pages, median ${screens(tops[tops.length >> 1] ?? 0)}, max ${screens(tops[tops.length - 1] ?? 0)} screens`;
  });
  console.log(`# ${label}, ${codes.length} procedure pages at 390×844: ${report.join("; ")}`);
  console.log(`# ${label}: ${long} pages longer than 4 screens (each with contents), ${unclear} saying a fact is unclear`);
  assert.ok(codes.length > 0);
  assert.deepEqual(late, [], `${label}: facts below the first screen`);
  assert.deepEqual(distrust.slice(0, 20), [], `${label}: pages a citizen cannot trust`);
  return { long, unclear };
}

test("sample: time limit, fee, office and online button on the first phone screen", async () => {
  const site = buildSample();
  await check(site, "sample");
  // Where the procedure's text says VNeID is needed, the online block says so up there.
  const server = await serve(site);
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(server.url("tthc/1.001193/"));
  assert.match(await page.textContent("main [data-fact=online]"), /Cần tài khoản định danh điện tử \(VNeID\)/);
  await context.close();
  server.close();
});

test("imported national records: the same facts on the first phone screen", async (t) => {
  const site = buildImported();
  if (!site) { t.skip("shared national records absent"); return; }
  const { long, unclear } = await check(site, "national records");
  assert.ok(long > 0 && unclear > 0, "the checks met long pages and unclear sources");
});

test("the office's hours say whether it is open today", async () => {
  const server = await serve(buildSample());
  const context = await browser.newContext({ ...PHONE, timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  const glance = "main [data-fact=office]";
  // A Monday in Cà Mau, then a Sunday.
  await page.clock.setFixedTime(new Date("2026-11-30T09:00:00+07:00"));
  await page.goto(server.url("tthc/1.001193/"));
  assert.match(await page.textContent(glance), /Hôm nay mở cửa · Thứ Hai – Thứ Sáu: 07:00 – 11:30/);
  await page.clock.setFixedTime(new Date("2026-11-29T09:00:00+07:00"));
  await page.goto(server.url("tthc/1.001193/"));
  assert.match(await page.textContent(glance), /Hôm nay \(Chủ nhật\) không làm việc/);
  await context.close();
  server.close();
});
