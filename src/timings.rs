//! How long each stage of a build took, and the memory in use after it (on Linux):
//! `congkhai build --timings` prints it, so anyone can see where a slow build spends its
//! time and memory without a profiler.

use std::time::{Duration, Instant};

/// Stage durations, in the order the stages ran.
#[derive(Debug, Clone)]
pub struct Timings {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
    /// Resident memory after each stage, in bytes, where the OS tells.
    resident: Vec<Option<u64>>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: Instant::now(),
            stages: Vec::new(),
            resident: Vec::new(),
        }
    }
}

impl Timings {
    /// Starts timing now.
    pub fn new() -> Timings {
        Timings::default()
    }

    /// Records the time since the previous lap (or the start) as `stage`.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.stages.push((stage, now - self.last));
        self.resident.push(resident_bytes());
        self.last = now;
    }

    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }

    /// Every stage on one line, in milliseconds: `load 35 · validate 16 ms`.
    pub fn brief(&self) -> String {
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|(stage, took)| format!("{stage} {:.0}", took.as_secs_f64() * 1000.0))
            .collect();
        format!("{} ms", stages.join(" · "))
    }

    /// One line per stage with its share of the total, then the total.
    pub fn report(&self) -> String {
        let total: Duration = self.stages.iter().map(|s| s.1).sum();
        let mut out = String::new();
        for ((stage, took), resident) in self.stages.iter().zip(&self.resident) {
            let share = 100.0 * took.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON);
            let memory = resident.map_or_else(String::new, |b| {
                format!("  {:>6.0} MiB in use", b as f64 / 1_048_576.0)
            });
            out.push_str(&format!(
                "  {stage:<11} {:>9.1} ms  {share:>5.1} %{memory}\n",
                took.as_secs_f64() * 1000.0
            ));
        }
        out.push_str(&format!(
            "  {:<11} {:>9.1} ms\n",
            "total",
            total.as_secs_f64() * 1000.0
        ));
        out
    }
}

/// The process's resident set, from `/proc/self/status` (Linux); `None` elsewhere.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_add_up_to_the_total() {
        let mut t = Timings::new();
        std::thread::sleep(Duration::from_millis(2));
        t.lap("load");
        t.lap("render");
        assert_eq!(t.stages().len(), 2);
        assert!(t.stages()[0].1 >= Duration::from_millis(2));
        assert!(t.brief().starts_with("load ") && t.brief().ends_with(" ms"));
        let report = t.report();
        assert!(report.contains("load") && report.contains("render") && report.contains("total"));
    }
}
