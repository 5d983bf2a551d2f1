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
    let (tmp, root, out) = folders();
    let s = Staging::create(&out, &root).unwrap();
    let entries = vec![s.write("index.html", b"one", None).unwrap()];
    s.publish(&entries).unwrap();
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
    let s = Staging::create(&out, &root).unwrap();
    s.write("index.html", b"two", None).unwrap();
    drop(s);
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
    assert_eq!(
        names(tmp.path()),
        [".out.congkhai-files", ".out.congkhai-output", "out", "root"]
    );
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// A temporary folder holding a site root, `root/`, and where its output goes, `out`.
fn folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    std::fs::create_dir(&root).unwrap();
    let out = tmp.path().join("out");
    (tmp, root, out)
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
    let (tmp, root, out) = folders();
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
    let (_tmp, root, out) = folders();
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
    let (tmp, root, out) = folders();
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

/// Builds `files` into `out` and returns what it wrote, by name and text.
fn built(out: &Path, root: &Path, files: &[(&str, &str)]) -> Vec<String> {
    build(out, root, files);
    tree(out)
}

#[test]
fn a_build_starts_from_the_site_before_and_ends_as_a_fresh_build_would() {
    use std::os::unix::fs::MetadataExt;
    let (tmp, root, out) = folders();
    let fresh = |files: &[(&str, &str)]| {
        let other = tempfile::tempdir().unwrap();
        built(&other.path().join("out"), &root, files)
    };
    let inode = |name: &str| std::fs::metadata(out.join(name)).unwrap().ino();
    // Each step: what the build makes. Files come and go, change and change back, and a
    // file becomes a folder and back, so every build but the first two starts from a spare
    // that differs from it.
    let steps: [&[(&str, &str)]; 6] = [
        &[("index.html", "home"), ("a/index.html", "a"), ("x", "file")],
        &[
            ("index.html", "home"),
            ("a/index.html", "a2"),
            ("b/c/d.html", "d"),
        ],
        &[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("x/index.html", "x"),
        ],
        &[("index.html", "home"), ("a/index.html", "a"), ("x", "file")],
        &[("index.html", "home2"), ("b/c/d.html", "d")],
        &[
            ("index.html", "home2"),
            ("b/c/d.html", "d"),
            ("a/index.html", "a"),
        ],
    ];
    let mut home = None;
    for (i, files) in steps.iter().enumerate() {
        // Something of someone's in the site in place never comes back with the spare.
        if out.is_dir() {
            std::fs::write(out.join("stray.txt"), "not ours").unwrap();
        }
        assert_eq!(built(&out, &root, files), fresh(files), "build {i}");
        if i < 4 {
            // An unchanged file keeps its inode, whichever folder the build started from.
            let now = inode("index.html");
            assert_eq!(
                *home.get_or_insert(now),
                now,
                "build {i} rewrote index.html"
            );
        }
    }
    // The site before is kept beside the output, with its list; nothing else is left.
    assert_eq!(
        names(tmp.path()),
        [
            ".out.congkhai-files",
            ".out.congkhai-output",
            ".out.congkhai-spare",
            ".out.congkhai-spare-files",
            "out",
            "root"
        ]
    );
    // The spare is the site before as it was, the stray included (the next build removes it).
    let mut before = fresh(steps[4]);
    before.push("stray.txt=not ours".into());
    before.sort();
    assert_eq!(tree(&tmp.path().join(".out.congkhai-spare")), before);
}

#[test]
fn the_spare_is_staged_apart_from_the_site_in_place() {
    let (tmp, root, out) = folders();
    // Twice the same bytes: the spare's file and the site's are one file (a hard link).
    build(&out, &root, &[("a.html", "one")]);
    build(&out, &root, &[("a.html", "one")]);
    let s = Staging::create(&out, &root).unwrap();
    let entry = s.write("a.html", b"two", None).unwrap();
    assert!(entry.written);
    assert_eq!(
        std::fs::read_to_string(out.join("a.html")).unwrap(),
        "one",
        "writing the next build changed the site in place"
    );
    // A failed build loses the spare, never the site.
    drop(s);
    assert_eq!(tree(&out), ["a.html=one"]);
    assert!(!tmp.path().join(".out.congkhai-spare").exists());
    let s = Staging::create(&out, &root).unwrap();
    let again = vec![s.write("a.html", b"two", None).unwrap()];
    s.publish(&again).unwrap();
    assert_eq!(tree(&out), ["a.html=two"]);
}

#[test]
fn a_spare_without_its_list_or_made_a_link_is_not_used() {
    let (tmp, root, out) = folders();
    let spare = tmp.path().join(".out.congkhai-spare");
    let list = tmp.path().join(".out.congkhai-spare-files");
    build(&out, &root, &[("a.html", "a")]);
    build(&out, &root, &[("a.html", "b")]);
    // A build killed between taking the list and the folder leaves a folder alone.
    std::fs::remove_file(&list).unwrap();
    assert_eq!(built(&out, &root, &[("a.html", "c")]), ["a.html=c"]);
    assert!(spare.is_dir() && list.is_file());
    // A link in the spare's place is removed, and what it points to left alone.
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("a.html"), "mine").unwrap();
    std::fs::remove_dir_all(&spare).unwrap();
    std::os::unix::fs::symlink(&outside, &spare).unwrap();
    assert_eq!(built(&out, &root, &[("a.html", "d")]), ["a.html=d"]);
    assert_eq!(tree(&outside), ["a.html=mine"]);
    // A file of the spare replaced by a link to a file outside is not written through.
    std::fs::remove_file(spare.join("a.html")).unwrap();
    std::os::unix::fs::symlink(outside.join("a.html"), spare.join("a.html")).unwrap();
    assert_eq!(built(&out, &root, &[("a.html", "e")]), ["a.html=e"]);
    assert_eq!(tree(&outside), ["a.html=mine"]);
}

#[test]
fn a_build_that_fails_before_writing_gives_the_spare_back() {
    use std::os::unix::fs::MetadataExt;
    let (tmp, root, out) = folders();
    build(&out, &root, &[("a.html", "a"), ("b/c.html", "c")]);
    build(&out, &root, &[("a.html", "a2"), ("b/c.html", "c")]);
    let spare = tmp.path().join(".out.congkhai-spare");
    let before = tree(&spare);
    let inode = std::fs::metadata(spare.join("b/c.html")).unwrap().ino();
    // Readied, then dropped (the site's checks failed): the spare is back, as it was.
    drop(Staging::create(&out, &root).unwrap());
    assert_eq!(tree(&spare), before);
    assert!(tmp.path().join(".out.congkhai-spare-files").is_file());
    // And the next build starts from it: the unchanged file is the spare's, not a copy.
    build(&out, &root, &[("a.html", "a3"), ("b/c.html", "c")]);
    assert_eq!(
        std::fs::metadata(out.join("b/c.html")).unwrap().ino(),
        inode
    );
    assert_eq!(tree(&out), ["a.html=a3", "b/", "b/c.html=c"]);
}

#[test]
fn a_file_streamed_unchanged_over_the_spare_is_still_published() {
    let (_tmp, root, out) = folders();
    let streamed = |text: &'static str| {
        let s = Staging::create(&out, &root).unwrap();
        let entries = vec![
            s.write_stream("data.json", |w| w.write_all(text.as_bytes()), None)
                .unwrap(),
            s.write("index.html", b"home", None).unwrap(),
        ];
        s.publish(&entries).unwrap();
        tree(&out)
    };
    // The same bytes three times: the spare, the site in place and the build all agree,
    // and the file written over the spare's is dropped for the site's.
    for _ in 0..3 {
        assert_eq!(streamed("{}"), ["data.json={}", "index.html=home"]);
    }
    assert_eq!(streamed("[]"), ["data.json=[]", "index.html=home"]);
    assert_eq!(streamed("[]"), ["data.json=[]", "index.html=home"]);
    assert_eq!(streamed("{}"), ["data.json={}", "index.html=home"]);
}
