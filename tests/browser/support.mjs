// Shared set-up of the browser tests: the sample site is built once per test file into a
// temporary folder, served on 127.0.0.1, and visited with Debian's Chromium through
// playwright-core (no browser is downloaded).
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const CHROMIUM = "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".pdf": "application/pdf",
  ".xml": "application/xml", ".txt": "text/plain",
};

/** A new temporary folder, removed when the test process exits (passed or failed). */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Builds the sample site with the project's own binary; returns the output folder. */
export function buildSample() {
  const out = join(tempDir("congkhai-browser-"), "site");
  execFileSync("cargo", ["run", "--quiet", "--", "build", "--quiet", "--output", out], {
    cwd: ROOT, stdio: ["ignore", "inherit", "inherit"],
  });
  return out;
}

/** The national records shared beside the project (test input, not part of the repo). */
export const RECORDS = join(ROOT, "..", "shared", "data", "dvcqg-records");

/**
 * A new site with every shared national record imported, built like the sample; null (with
 * the reason printed) when the records are not beside the project.
 */
export function buildImported() {
  if (!existsSync(RECORDS)) {
    console.log(`# skipped: the shared national records are absent (${RECORDS})`);
    return null;
  }
  const dir = tempDir("congkhai-records-");
  const root = join(dir, "src"), out = join(dir, "site");
  const run = (args) => execFileSync("cargo", ["run", "--quiet", "--", ...args], {
    cwd: ROOT, stdio: ["ignore", "ignore", "pipe"],
  });
  run(["new", "site", root]);
  run(["import", RECORDS, "--root", root]);
  run(["build", "--quiet", "--root", root, "--output", out]);
  return out;
}

/** Serves `dir` like any static web server; resolves to { url(path), close() }. */
export function serve(dir) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.split("/").includes("..")) { res.writeHead(400).end(); return; }
    let file = join(dir, path);
    if (path.endsWith("/")) file = join(file, "index.html");
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
      res.end(readFileSync(join(dir, "404.html")));
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      resolve({ url: (p) => base + "/" + p.replace(/^\//, ""), close: () => server.close() });
    });
  });
}

/** Launches Chromium, failing with a clear message when it is not installed. */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error("Chromium not found at /usr/bin/chromium: run `bash .ci/run` (it installs Debian's chromium) or `apt-get install chromium fonts-noto-core`");
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: "vi-VN" };
export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "vi-VN" };

/** The pages every check visits: one of each kind. */
export const PAGES = {
  home: "",
  listing: "linh-vuc/ho-tich/",
  procedure: "tthc/1.001193/",
  office: "noi-tiep-nhan/ttpvhcc-tinh/",
  search: "tim-kiem/",
  statistics: "thong-ke/2024-phu-tan/",
  trend: "thong-ke/xu-huong/",
  poster: "ap-phich/tthc/1.001193/",
  "open data": "du-lieu/",
  changes: "thay-doi/",
};

/** Opens a page, recording failed requests and console errors. */
export async function open(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}
