//! Stage timings for profiling: with `TILIK_TIMINGS` set in the environment, each stage of a
//! build prints how long it took on standard error (indented by nesting), e.g.
//!
//! ```text
//! TILIK_TIMINGS=1 tilik build
//! ```

use std::cell::Cell;
use std::sync::OnceLock;
use std::time::Instant;

/// Whether timings are printed in this process.
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("TILIK_TIMINGS").is_some())
}

/// Measures consecutive stages: each [`Stopwatch::lap`] prints the time since the previous one.
#[derive(Debug)]
pub struct Stopwatch {
    last: Cell<Instant>,
    indent: usize,
}

impl Stopwatch {
    /// A stopwatch for top-level stages.
    pub fn start() -> Stopwatch {
        Stopwatch::nested(0)
    }

    /// A stopwatch for the sub-stages of a stage, printed indented by `level`.
    pub fn nested(level: usize) -> Stopwatch {
        Stopwatch {
            last: Cell::new(Instant::now()),
            indent: level * 2,
        }
    }

    /// Prints the time since the previous lap (or the start) with a name for the stage.
    pub fn lap(&self, stage: &str) {
        if enabled() {
            let now = Instant::now();
            let ms = (now - self.last.get()).as_secs_f64() * 1000.0;
            eprintln!(
                "{:indent$}{ms:>8.1} ms  {stage}{}",
                "",
                peak_memory().map_or(String::new(), |kb| format!(" (peak {} MB)", kb / 1024)),
                indent = self.indent
            );
            self.last.set(now);
        }
    }
}

/// The peak resident memory of the process so far, in kilobytes (Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
