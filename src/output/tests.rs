//! Tests of `output`.

use super::*;

#[test]
fn paths_cannot_escape_the_staging_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir(&root).unwrap();
    let staging = Staging::create(&tmp.path().join("out"), &root).unwrap();
    for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\\b", "./a"] {
        assert!(
            staging.write(bad, b"x", None).is_err(),
            "{bad} was accepted"
        );
    }
    staging.write("a/b/index.html", b"ok", None).unwrap();
}

#[test]
fn refuses_to_replace_the_site_root() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(matches!(
        Staging::create(tmp.path(), tmp.path()),
        Err(OutputError::UnsafeTarget(_))
    ));
    assert!(Staging::create(tmp.path().parent().unwrap(), tmp.path()).is_err());
}

#[test]
fn publish_swaps_and_drop_discards() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir(&root).unwrap();
    let out = tmp.path().join("out");
    let s = Staging::create(&out, &root).unwrap();
    let entries = vec![s.write("index.html", b"one", None).unwrap()];
    s.publish(&entries).unwrap();
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
    let s = Staging::create(&out, &root).unwrap();
    s.write("index.html", b"two", None).unwrap();
    drop(s);
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
    let mut leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        [".out.congkhai-files", ".out.congkhai-output", "out", "root"]
    );
}

/// Builds `files` into `out` and returns what publishing did.
fn build(out: &Path, root: &Path, files: &[(&str, &str)]) -> Published {
    let s = Staging::create(out, root).unwrap();
    let entries: Vec<Entry> = files
        .iter()
        .map(|(name, text)| s.write(name, text.as_bytes(), None).unwrap())
        .collect();
    s.publish(&entries).unwrap()
}

fn tree(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            if e.file_type().is_dir() {
                format!("{name}/")
            } else {
                format!("{name}={}", std::fs::read_to_string(e.path()).unwrap())
            }
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_rebuild_writes_only_what_changed_and_deletes_what_is_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir(&root).unwrap();
    let out = tmp.path().join("out");
    let first = build(
        &out,
        &root,
        &[
            ("index.html", "home"),
            ("a/b/index.html", "ab"),
            ("c/index.html", "c"),
        ],
    );
    assert_eq!(first.written, 3);
    let inode = |name: &str| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(out.join(name)).unwrap().ino()
    };
    let home = inode("index.html");
    // `c/index.html` changes, `a/b/` is gone, `d` is new, `x` goes from file to folder.
    std::fs::write(out.join("x"), "was a file").unwrap();
    let second = build(
        &out,
        &root,
        &[
            ("index.html", "home"),
            ("c/index.html", "c2"),
            ("d.txt", "d"),
            ("x/index.html", "x"),
        ],
    );
    assert_eq!(
        second,
        Published {
            written: 3,
            deleted: 1
        }
    );
    assert_eq!(inode("index.html"), home, "an unchanged file was rewritten");
    assert_eq!(
        tree(&out),
        [
            "c/",
            "c/index.html=c2",
            "d.txt=d",
            "index.html=home",
            "x/",
            "x/index.html=x"
        ]
    );
    // A file removed from the output by hand is written again.
    std::fs::remove_file(out.join("d.txt")).unwrap();
    let third = build(&out, &root, &[("index.html", "home"), ("d.txt", "d")]);
    assert_eq!(
        third,
        Published {
            written: 1,
            deleted: 2
        }
    );
    assert_eq!(tree(&out), ["d.txt=d", "index.html=home"]);
    assert!(
        std::fs::read_dir(tmp.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("staging")),
        "staging folder left behind"
    );
}

#[test]
fn without_its_file_list_the_output_is_written_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir(&root).unwrap();
    let out = tmp.path().join("out");
    build(&out, &root, &[("index.html", "home")]);
    std::fs::write(out.join("stray.txt"), "not ours").unwrap();
    forget_manifest(&out);
    let again = build(&out, &root, &[("index.html", "home")]);
    assert_eq!(again.written, 1);
    assert_eq!(tree(&out), ["index.html=home"]);
}

#[test]
fn only_an_absent_empty_or_own_folder_is_an_output() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir_all(root.join("content/forms")).unwrap();
    // A folder with someone's files is left alone.
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::write(home.join("notes.txt"), "mine").unwrap();
    assert!(matches!(
        checked_target(&home, &root),
        Err(OutputError::NotOurs(_))
    ));
    // A file is not moved aside.
    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert!(matches!(
        checked_target(&file, &root),
        Err(OutputError::NotAFolder(_))
    ));
    // Inside the sources, the next build would read it back.
    for inside in ["content", "content/forms/out", "themes/x", "static"] {
        assert!(
            matches!(
                checked_target(&root.join(inside), &root),
                Err(OutputError::InsideSources(..))
            ),
            "{inside}"
        );
    }
    // Absent, empty, and congkhai's own are fine.
    assert!(checked_target(&tmp.path().join("absent"), &root).is_ok());
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(checked_target(&empty, &root).is_ok());
    build(&empty, &root, &[("index.html", "home")]);
    assert!(checked_target(&empty, &root).is_ok());
    assert!(checked_target(&root.join("site"), &root).is_ok());
    assert_eq!(
        std::fs::read_to_string(home.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_link_inside_the_output_is_not_written_through() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir(&root).unwrap();
    let out = tmp.path().join("out");
    build(&out, &root, &[("a/index.html", "a"), ("b.txt", "b")]);
    // Someone replaces a folder of the output by a link to a folder outside it.
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("index.html"), "a").unwrap();
    std::fs::remove_dir_all(out.join("a")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("a")).unwrap();
    build(&out, &root, &[("a/index.html", "a2"), ("b.txt", "b")]);
    assert_eq!(
        std::fs::read_to_string(outside.join("index.html")).unwrap(),
        "a"
    );
    assert!(std::fs::symlink_metadata(out.join("a")).unwrap().is_dir());
    assert_eq!(tree(&out), ["a/", "a/index.html=a2", "b.txt=b"]);
}

#[test]
fn what_a_killed_build_left_is_removed_under_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    for left in [".site.staging-99999", ".site.old-99999"] {
        std::fs::create_dir_all(tmp.path().join(left).join("x")).unwrap();
    }
    let lock = Lock::acquire(&out).unwrap();
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, [".site.congkhai-lock"]);
    drop(lock);
}

#[test]
fn a_second_build_waits_for_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let first = Lock::acquire(&out).unwrap();
    let taken = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (flag, path) = (taken.clone(), out.clone());
    let second = std::thread::spawn(move || {
        let lock = Lock::acquire(&path).unwrap();
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
        drop(lock);
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        !taken.load(std::sync::atomic::Ordering::SeqCst),
        "the second build wrote while the first held the output"
    );
    drop(first);
    second.join().unwrap();
    assert!(taken.load(std::sync::atomic::Ordering::SeqCst));
}
