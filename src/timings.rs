//! How long each stage of a build took: `congkhai build --timings` prints it, so anyone can
//! see where a slow build spends its time without a profiler.

use std::time::{Duration, Instant};

/// Stage durations, in the order the stages ran.
#[derive(Debug, Clone)]
pub struct Timings {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            last: Instant::now(),
            stages: Vec::new(),
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
        self.last = now;
    }

    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }

    /// One line per stage with its share of the total, then the total.
    pub fn report(&self) -> String {
        let total: Duration = self.stages.iter().map(|s| s.1).sum();
        let mut out = String::new();
        for (stage, took) in &self.stages {
            let share = 100.0 * took.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON);
            out.push_str(&format!(
                "  {stage:<10} {:>9.1} ms  {share:>5.1} %\n",
                took.as_secs_f64() * 1000.0
            ));
        }
        out.push_str(&format!(
            "  {:<10} {:>9.1} ms\n",
            "total",
            total.as_secs_f64() * 1000.0
        ));
        out
    }
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
        let report = t.report();
        assert!(report.contains("load") && report.contains("render") && report.contains("total"));
    }
}
