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
    if width <= 128 {
        bitwise::score(dark, width)
    } else {
        plain_score(dark, width)
    }
}

/// The same rules, one module at a time: for codes wider than 128 modules (version 28 and
/// up), and as the reference the bitwise scorer is tested against.
fn plain_score(dark: &[bool], width: usize) -> u16 {
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

/// The rules on whole lines at once: each row and column is a `u128`, bit `k` set when
/// module `k` is dark.
mod bitwise {
    pub fn score(dark: &[bool], width: usize) -> u16 {
        let mut rows = [0u128; 128];
        let mut columns = [0u128; 128];
        for (y, line) in dark.chunks_exact(width).enumerate() {
            // Built from the high end down, so every step is a shift by one.
            let mut bits = 0u128;
            for &d in line.iter().rev() {
                bits = (bits << 1) | u128::from(d);
            }
            rows[y] = bits;
        }
        for (x, column) in columns[..width].iter_mut().enumerate() {
            let mut bits = 0u128;
            for row in rows[..width].iter().rev() {
                bits = (bits << 1) | ((row >> x) & 1);
            }
            *column = bits;
        }
        let (rows, columns) = (&rows[..width], &columns[..width]);
        let all = if width == 128 {
            u128::MAX
        } else {
            (1u128 << width) - 1
        };
        let runs = runs(rows, width).wrapping_add(runs(columns, width));
        let finders = finders(rows, width)
            .wrapping_sub(360)
            .wrapping_add(finders(columns, width).wrapping_sub(360));
        let darks: u32 = rows.iter().map(|r| r.count_ones()).sum();
        let balance = (darks as usize * 200 / (width * width)).abs_diff(100) as u16;
        runs.wrapping_add(blocks(rows, all))
            .wrapping_add(finders)
            .wrapping_add(balance)
    }

    /// Runs of five or more: the colour changes between `k` and `k + 1` where bit `k` of
    /// `line ^ line >> 1` is set; runs are the gaps between changes.
    fn runs(lines: &[u128], width: usize) -> u16 {
        let inner = (1u128 << (width - 1)) - 1;
        let mut total: u16 = 0;
        for &line in lines {
            let mut changes = (line ^ (line >> 1)) & inner;
            let mut start = 0;
            loop {
                let end = if changes == 0 {
                    width
                } else {
                    changes.trailing_zeros() as usize + 1
                };
                let run = end - start;
                if run >= 5 {
                    total = total.wrapping_add(run as u16 - 2);
                }
                if changes == 0 {
                    break;
                }
                changes &= changes - 1;
                start = end;
            }
        }
        total
    }

    /// 2×2 blocks: bit `x` set where modules `x`, `x + 1` of a row and of the next row
    /// are all one colour.
    fn blocks(rows: &[u128], all: u128) -> u16 {
        let inner = all >> 1;
        let mut count = 0;
        for pair in rows.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let down = !(a ^ b);
            let across = !(a ^ (a >> 1));
            count += (down & (down >> 1) & across & inner).count_ones();
        }
        (count * 3) as u16
    }

    /// `#.###.#` starting at bit `j`, without dark modules in both the four before and the
    /// four after it (modules outside the code count as light).
    fn finders(lines: &[u128], width: usize) -> u16 {
        let starts = (1u128 << (width - 6)) - 1;
        let mut count = 0;
        for &l in lines {
            let found = l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6);
            let before = (l << 1) | (l << 2) | (l << 3) | (l << 4);
            let after = (l >> 7) | (l >> 8) | (l >> 9) | (l >> 10);
            count += (found & starts & !(before & after)).count_ones();
        }
        (count * 40) as u16
    }

    #[cfg(test)]
    mod tests {
        /// The bitwise rules score exactly as the plain ones, on pseudo-random matrices of
        /// every width a version 1 to 27 code has.
        #[test]
        fn same_scores_as_the_plain_rules() {
            let mut seed: u64 = 99;
            for version in 1..=27 {
                let width = 17 + 4 * version;
                for _ in 0..20 {
                    let dark: Vec<bool> = (0..width * width)
                        .map(|_| {
                            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                            // Long runs and blocks happen more often with a skewed source.
                            (seed >> 60) < 5
                        })
                        .collect();
                    assert_eq!(
                        super::score(&dark, width),
                        super::super::plain_score(&dark, width),
                        "width {width}"
                    );
                }
            }
        }
    }
}
