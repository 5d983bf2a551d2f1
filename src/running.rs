//! Which congkhai is running, for whatever must change when the binary does: the input
//! fingerprint and the digest every page starts from.

/// Which congkhai is running: it holds the built-in theme and the code, so a rebuilt
/// binary is a change.
pub fn executable() -> Option<String> {
    let exe = std::env::current_exe().ok()?.metadata().ok()?;
    Some(format!(
        "{} {} {:?}",
        env!("CARGO_PKG_VERSION"),
        exe.len(),
        exe.modified().ok()?
    ))
}
