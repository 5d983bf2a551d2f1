// A citizen searching on a phone: without diacritics, by code, by a word people use, with
// nothing found, and with the keyboard only.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, buildSample, launch, open, serve } from "./support.mjs";

let server, browser;
before(async () => { server = await serve(buildSample()); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

async function home() {
  const context = await browser.newContext(PHONE);
  const { page, problems } = await open(context, server.url(""));
  return { page, problems, context };
}

async function search(page, query) {
  await page.fill("#q", query);
  await page.waitForFunction(
    (q) => { const s = document.querySelector(".search-status").textContent; return s.includes("“" + q + "”"); },
    query,
  );
  return page.$$eval(".results li:not(.results-partial)", (items) => items.map((li) => ({
    name: li.querySelector("a").textContent, href: li.querySelector("a").getAttribute("href"),
    facts: li.querySelector(".facts-line").textContent,
    partial: li.querySelector(".badge-partial") !== null,
  })));
}

test("typing without diacritics finds the procedure first, with field, level and time limit", async () => {
  const { page, problems, context } = await home();
  const results = await search(page, "dang ky khai sinh");
  assert.equal(results[0].name, "Đăng ký khai sinh");
  assert.equal(results[0].href, "/tthc/1.001193/");
  assert.match(results[0].facts, /1\.001193 · Hộ tịch · Cấp xã · Ngay trong ngày/);
  // "kí" for "ký", and with the filler word people type before it.
  assert.equal((await search(page, "dang ki khai sinh"))[0].name, "Đăng ký khai sinh");
  assert.equal((await search(page, "lam giay khai sinh"))[0].name, "Đăng ký khai sinh");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a code, or the start of one, finds the procedure", async () => {
  const { page, context } = await home();
  assert.equal((await search(page, "1.001193"))[0].name, "Đăng ký khai sinh");
  assert.equal((await search(page, "1001193"))[0].name, "Đăng ký khai sinh", "without the dot");
  const prefix = await search(page, "1.0017");
  assert.ok(prefix.length >= 2);
  for (const r of prefix) assert.match(r.facts, /^1\.0017/);
  await context.close();
});

test("words people use find the procedure through its keywords", async () => {
  const { page, context } = await home();
  assert.equal((await search(page, "lay vo"))[0].name, "Đăng ký kết hôn");
  // The site's own synonyms (congkhai.toml): a boat is a "ghe" in the Mekong delta.
  assert.equal((await search(page, "dang ky ghe"))[0].name, "Đăng ký tàu cá");
  assert.equal((await search(page, "nuoi tom"))[0].name, "Xác nhận đăng ký nuôi trồng thủy sản");
  assert.equal((await search(page, "so do"))[0].name, "Đăng ký biến động do chuyển nhượng, tặng cho quyền sử dụng đất");
  await context.close();
});

test("nonsense shows a helpful empty state, ending with the hotline", async () => {
  const { page, context } = await home();
  assert.deepEqual(await search(page, "qwxzk"), []);
  const status = await page.textContent(".search-status");
  assert.match(status, /Không tìm thấy thủ tục nào cho “qwxzk” trên trang này/);
  const next = await page.textContent(".search-next");
  assert.match(next, /mã thủ tục/);
  assert.match(next, /đường dây nóng/);
  assert.match(await page.getAttribute(".search-next a[href^='tel:']", "href"), /^tel:0\d{9,10}$/);
  // Only words many names hold ("giấy phép") found: a miss, not a list of licences.
  assert.deepEqual(await search(page, "giay phep karaoke"), []);
  assert.match(await page.textContent(".search-status"), /Không tìm thấy thủ tục nào/);
  await context.close();
});

test("a name holding every word ranks first; partial matches are labelled as such", async () => {
  const { page, context } = await home();
  // "giấy phép" is in driving-licence names too, "xây dựng" only in the building permit's.
  const results = await search(page, "giay phep xay dung");
  assert.ok(results.length >= 1);
  assert.match(results[0].name, /giấy phép xây dựng/i);
  assert.equal(results[0].partial, false);
  for (const r of results) {
    const words = ["giấy", "phép", "xây", "dựng"].every((w) => r.name.toLowerCase().includes(w));
    if (words) assert.equal(r.partial, false, `${r.name} holds every word`);
    if (/lái xe/i.test(r.name)) assert.equal(r.partial, true, `${r.name} is labelled partial`);
  }
  const ranks = results.map((r) => r.partial);
  assert.deepEqual(ranks, [...ranks].sort(), "full matches before partial ones");
  const full = results.filter((r) => !r.partial).length;
  const status = await page.textContent(".search-status");
  assert.match(status, new RegExp(`^${full} thủ tục có tên chứa đủ các từ`));
  assert.doesNotMatch(status, /phù hợp/);
  // Words no name holds together: every result is labelled partial, the status says so
  // and the next step is the hotline.
  const partial = await search(page, "khai sinh tau ca");
  assert.ok(partial.length > 0 && partial.every((r) => r.partial), JSON.stringify(partial));
  assert.match(await page.textContent(".search-status"), /Không có thủ tục nào có tên chứa đủ các từ/);
  assert.match(await page.textContent(".search-next"), /đường dây nóng/);
  await context.close();
});

test("typed diacritics rank exact matches first", async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  // A controlled index: two names that fold to the same letters.
  await page.route("**/tim-kiem/chi-muc.json", (route) => route.fulfill({
    contentType: "application/json",
    body: JSON.stringify({
      url: "/tthc/", fields: ["Giao thông"], levels: ["Cấp tỉnh"], agencies: ["Sở"],
      items: [
        ["1.000001", "Dương tính", "", 0, [0], "", "", [0], "", 1],
        ["1.000002", "Đường bộ", "", 0, [0], "", "", [0], "", 1],
      ],
    }),
  }));
  await page.goto(server.url(""));
  assert.deepEqual((await search(page, "đường")).map((r) => r.name), ["Đường bộ", "Dương tính"]);
  assert.deepEqual((await search(page, "dương")).map((r) => r.name), ["Dương tính", "Đường bộ"]);
  await context.close();
});

test("the keyboard alone reaches a result and opens it", async () => {
  const { page, context } = await home();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.id === "q")) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), "q", "Tab reaches the search box");
  await page.keyboard.type("giay phep lai xe");
  // Results for the whole query, not for a prefix typed before it: a later render would
  // replace the list under the focus.
  await page.waitForFunction(() =>
    document.querySelector("form [role=status]")?.textContent.includes("“giay phep lai xe”"),
  );
  await page.keyboard.press("Tab"); // the "Tìm" button
  await page.keyboard.press("Tab"); // the first result
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.match(focused, /giấy phép lái xe/i);
  const visible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(visible, "none", "focus is visible");
  await Promise.all([page.waitForURL(/\/tthc\/1\.\d{6}\/$/), page.keyboard.press("Enter")]);
  assert.match(await page.textContent("h1"), /giấy phép lái xe/i);
  await context.close();
});

test("the search page reads the query from its address and works without JavaScript", async () => {
  const context = await browser.newContext(PHONE);
  const { page } = await open(context, server.url("tim-kiem/?q=khai+tu"));
  await page.waitForSelector(".results li");
  assert.equal(await page.textContent(".results li a"), "Đăng ký khai tử");
  await context.close();
  const noScript = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(server.url("tim-kiem/?q=khai+tu"));
  // Without JavaScript a static page cannot filter: it says so, and offers the letters
  // rather than silently showing every procedure.
  const notice = await plain.textContent("main .notice");
  assert.match(notice, /tắt JavaScript/);
  const procedureLinks = await plain.$$eval("main a[href*='/tthc/1.'], main a[href*='/tthc/2.']", (as) => as.length);
  assert.equal(procedureLinks, 0, "no whole list on the search page");
  await plain.click("main .letters a:text-is('Đ')");
  const links = await plain.$$eval("main .procedures a", (as) => as.map((a) => a.textContent));
  assert.ok(links.includes("Đăng ký khai tử"), "the letter's page lists the procedure");
  await noScript.close();
});
