//! Choosing the mask of a QR code: the eight masks are applied and the one with the lowest
//! penalty score (ISO/IEC 18004, 7.8.3) wins.
//!
//! The `qrcode` crate scores masks through boxed closures and module enums, which made
//! mask choice the largest cost of a build (one code per procedure). This scores a plain
//! matrix of booleans with the crate's exact rules — same runs, blocks, finder-like
//! patterns and balance, same arithmetic — so the chosen mask, and so every code, is the
//! one the crate itself would draw (tested against it).

/// The penalty of a masked matrix (`true` = dark), row-major, `width` modules a side.
pub fn score(dark: &[bool], width: usize) -> u16 {
    let rows = |i: usize, k: usize| dark[i * width + k];
    let columns = |i: usize, k: usize| dark[k * width + i];
    let runs = runs(width, rows).wrapping_add(runs(width, columns));
    let finders = finders(width, rows)
        .wrapping_sub(360)
        .wrapping_add(finders(width, columns).wrapping_sub(360));
    runs.wrapping_add(blocks(dark, width))
        .wrapping_add(finders)
        .wrapping_add(balance(dark))
}

/// Runs of five or more same-coloured modules along each line: length − 2 points each.
fn runs(width: usize, at: impl Fn(usize, usize) -> bool) -> u16 {
    let mut total: u16 = 0;
    for i in 0..width {
        let mut run: u16 = 1;
        for k in 1..=width {
            if k < width && at(i, k) == at(i, k - 1) {
                run += 1;
            } else {
                if run >= 5 {
                    total = total.wrapping_add(run - 2);
                }
                run = 1;
            }
        }
    }
    total
}

/// Every 2×2 block of one colour, overlapping ones counted: 3 points each.
fn blocks(dark: &[bool], width: usize) -> u16 {
    let mut total: u16 = 0;
    for y in 0..width - 1 {
        let (row, next) = (&dark[y * width..], &dark[(y + 1) * width..]);
        for x in 0..width - 1 {
            let c = row[x];
            if row[x + 1] == c && next[x] == c && next[x + 1] == c {
                total = total.wrapping_add(3);
            }
        }
    }
    total
}

/// Every `#.###.#` along a line that has four light modules (or the edge) on at least one
/// side: 40 points each. The three real finder patterns always count 360 of these.
fn finders(width: usize, at: impl Fn(usize, usize) -> bool) -> u16 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut total: u16 = 0;
    for i in 0..width {
        for j in 0..width.saturating_sub(6) {
            if !(0..7).all(|d| at(i, j + d) == PATTERN[d]) {
                continue;
            }
            let before = (j.saturating_sub(4)..j).any(|k| at(i, k));
            let after = (j + 7..(j + 11).min(width)).any(|k| at(i, k));
            if !before || !after {
                total = total.wrapping_add(40);
            }
        }
    }
    total
}

/// Distance of the dark share from one half, in half-percent steps, as the crate counts it.
fn balance(dark: &[bool]) -> u16 {
    let ratio = dark.iter().filter(|&&d| d).count() * 200 / dark.len();
    ratio.abs_diff(100) as u16
}
