//! Deployment as documented: a real nginx (Debian's `nginx-light`, started as this test's
//! own process on 127.0.0.1) with the configuration `docs/deploy.md` gives, in front of the
//! built sample. Pages, the site's 404 page, redirects of renamed keys (after a rebuild and
//! a reload), the open data's content types, hidden redirect lists, and a site under a
//! sub-path.

mod common;

use common::Fixture;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The configuration block between `<!-- NAME:begin -->` and `<!-- NAME:end -->` of the
/// deployment guide, without its code fence.
fn documented(name: &str) -> String {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy.md"))
            .unwrap();
    let start = guide.find(&format!("<!-- {name}:begin -->")).unwrap();
    let end = guide.find(&format!("<!-- {name}:end -->")).unwrap();
    guide[start..end]
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("```"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// nginx running `server` (the guide's block, its paths and port put in), stopped when
/// dropped.
struct Nginx {
    child: Child,
    prefix: tempfile::TempDir,
    port: u16,
}

impl Nginx {
    fn start(block: &str) -> Nginx {
        let found = Command::new("sh")
            .args(["-c", "command -v nginx || test -x /usr/sbin/nginx"])
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            found,
            "this test needs nginx (Debian's nginx-light): run `bash .ci/run`, which installs it"
        );
        let prefix = tempfile::tempdir().unwrap();
        let port = free_port();
        let p = prefix.path().display().to_string();
        // Workers read the site as the user running the test.
        let user = if unsafe_is_root() { "user root;\n" } else { "" };
        let config = format!(
            "{user}worker_processes 1;\ndaemon off;\npid {p}/nginx.pid;\nerror_log {p}/error.log;\nevents {{}}\nhttp {{\naccess_log off;\nclient_body_temp_path {p}/body;\nproxy_temp_path {p}/proxy;\nfastcgi_temp_path {p}/fastcgi;\nuwsgi_temp_path {p}/uwsgi;\nscgi_temp_path {p}/scgi;\n{}\n}}\n",
            block.replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        );
        std::fs::write(prefix.path().join("nginx.conf"), config).unwrap();
        let child = Command::new(nginx_binary())
            .args(["-p", &p, "-c", &format!("{p}/nginx.conf")])
            .spawn()
            .unwrap();
        let nginx = Nginx {
            child,
            prefix,
            port,
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not start: {}",
                std::fs::read_to_string(nginx.prefix.path().join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }

    /// `nginx -s reload`: reads the configuration, and the redirect map, again.
    fn reload(&self) {
        let p = self.prefix.path().display().to_string();
        let status = Command::new(nginx_binary())
            .args(["-p", &p, "-c", &format!("{p}/nginx.conf"), "-s", "reload"])
            .status()
            .unwrap();
        assert!(status.success());
        // The new workers take over within moments.
        std::thread::sleep(Duration::from_millis(700));
    }

    /// (status, headers in lower case, body) of a GET.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: tthc.example.gov.vn\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let response = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }
}

impl Drop for Nginx {
    /// SIGTERM, so the master stops its workers too (SIGKILL would leave them running).
    fn drop(&mut self) {
        // SAFETY: signals our own child process, which has not been waited for yet.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        let _ = self.child.wait();
    }
}

fn nginx_binary() -> PathBuf {
    if Path::new("/usr/sbin/nginx").exists() {
        PathBuf::from("/usr/sbin/nginx")
    } else {
        PathBuf::from("nginx")
    }
}

fn unsafe_is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn the_documented_nginx_serves_the_site_its_404_redirects_and_downloads() {
    let site = Fixture::sample();
    site.build_ok();
    let out = site.output().display().to_string();
    let nginx = Nginx::start(&documented("nginx").replace("/srv/tthc/site", &out));

    let (status, head, body) = nginx.get("/tthc/1.001193/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("Đăng ký khai sinh"));
    let (status, _, body) = nginx.get("/khong-co-trang-nay/");
    assert_eq!(status, 404);
    let page_404 = std::fs::read_to_string(site.output().join("404.html")).unwrap();
    assert_eq!(body, page_404, "the site's own 404 page");
    // A renamed field's former address, and what lies below it.
    let (status, head, _) = nginx.get("/linh-vuc/doanh-nghiep/");
    assert_eq!(status, 301, "{head}");
    assert!(
        head.contains("location: /linh-vuc/thanh-lap-doanh-nghiep/"),
        "{head}"
    );
    let (status, head, _) = nginx.get("/linh-vuc/doanh-nghiep/atom.xml");
    assert_eq!(status, 301);
    assert!(
        head.contains("/linh-vuc/thanh-lap-doanh-nghiep/atom.xml"),
        "{head}"
    );
    // The open data with its types, the redirect lists hidden.
    for (path, kind) in [
        ("/du-lieu/thu-tuc.jsonl", "application/jsonl"),
        ("/du-lieu/cpsv-ap.jsonld", "application/ld+json"),
        ("/du-lieu/thu-tuc.csv", "text/csv"),
        ("/du-lieu/thu-tuc.json", "application/json"),
        ("/tthc/1.001193/qr.svg", "image/svg+xml"),
    ] {
        let (status, head, _) = nginx.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("content-type: {kind}")),
            "{path}: {head}"
        );
    }
    for hidden in ["/_nginx-redirects.map", "/_redirects"] {
        assert_eq!(nginx.get(hidden).0, 404, "{hidden}");
    }

    // A key renamed: the build writes the map; until nginx reloads, the old address has
    // the page that sends browsers on; after, a 301.
    let site = site.edit(
        "content/catalog/fields.toml",
        "key = \"ho-tich\"",
        "key = \"ho-tich\"\nold_keys = [\"ho-tich-cu\"]",
    );
    site.build_ok();
    let (status, _, body) = nginx.get("/linh-vuc/ho-tich-cu/");
    assert_eq!(
        status, 200,
        "before the reload: the page left at the old address"
    );
    assert!(body.contains("http-equiv=\"refresh\""));
    nginx.reload();
    let (status, head, _) = nginx.get("/linh-vuc/ho-tich-cu/");
    assert_eq!(status, 301, "after the reload: {head}");
    assert!(head.contains("/linh-vuc/ho-tich/"), "{head}");
}

#[test]
fn the_documented_nginx_serves_a_site_under_a_sub_path() {
    let site = Fixture::sample().edit(
        "congkhai.toml",
        "base_url = \"https://tthc.camau.gov.vn/\"",
        "base_url = \"https://camau.gov.vn/tthc-so/\"",
    );
    site.build_ok();
    let out = format!("{}/", site.output().display());
    let nginx = Nginx::start(&documented("nginx-subpath").replace("/srv/tthc/site/", &out));
    let (status, _, body) = nginx.get("/tthc-so/tthc/1.001193/");
    assert_eq!(status, 200);
    assert!(
        body.contains("href=\"/tthc-so/static/"),
        "links under the sub-path"
    );
    let (status, _, body) = nginx.get("/tthc-so/khong-co/");
    assert_eq!(status, 404);
    assert_eq!(
        body,
        std::fs::read_to_string(site.output().join("404.html")).unwrap()
    );
    let (status, head, _) = nginx.get("/tthc-so/linh-vuc/doanh-nghiep/");
    assert_eq!(status, 301);
    assert!(
        head.contains("/tthc-so/linh-vuc/thanh-lap-doanh-nghiep/"),
        "{head}"
    );
    assert_eq!(nginx.get("/tthc-so/_nginx-redirects.map").0, 404);
    let (status, head, _) = nginx.get("/tthc-so/du-lieu/thu-tuc.jsonl");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/jsonl"), "{head}");
}
