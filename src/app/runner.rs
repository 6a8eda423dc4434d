//! The one background-job runner: blocking work (disk, native dialogs, the profiles file, the
//! keyring probe, starting the built-in sandbox) runs on a named worker thread; results come
//! back over a channel and a repaint callback wakes the UI. Nothing here waits. A job that
//! panics still ends its busy mark, so no spinner spins for ever.

use crate::portal::Repaint;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::mpsc;

/// One job's result, tagged with the id `run` returned. `Err` when the job panicked.
type Done<T> = (u64, Result<T, String>);

/// Runs jobs of result `T`; `K` says what each job is (for busy labels), `()` when nobody asks.
pub struct Runner<T, K = ()> {
    tx: mpsc::Sender<Done<T>>,
    rx: mpsc::Receiver<Done<T>>,
    repaint: Repaint,
    inline: bool,
    next_id: u64,
    running: Vec<(u64, K)>,
    failures: Vec<String>,
}

impl<T: Send + 'static, K: Copy + PartialEq> Runner<T, K> {
    /// `inline`: run each job on the calling thread (deterministic tests).
    pub fn new(repaint: Repaint, inline: bool) -> Self {
        let (tx, rx) = mpsc::channel();
        Runner { tx, rx, repaint, inline, next_id: 1, running: Vec::new(), failures: Vec::new() }
    }

    /// What to wake when a job finishes.
    pub fn set_repaint(&mut self, repaint: Repaint) {
        self.repaint = repaint;
    }

    /// Wakes `ctx` when a job finishes.
    pub fn set_ctx(&mut self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        self.set_repaint(Arc::new(move || ctx.request_repaint()));
    }

    /// Runs `f` off the UI thread; `kind` shows what is busy.
    pub fn run(&mut self, kind: K, f: impl FnOnce() -> T + Send + 'static) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.running.push((id, kind));
        let (tx, repaint) = (self.tx.clone(), self.repaint.clone());
        let job = move || {
            let r = std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|p| panic_text(p.as_ref()));
            let _ = tx.send((id, r));
            repaint();
        };
        if self.inline {
            job();
            return id;
        }
        if let Err(e) = std::thread::Builder::new().name("b24ad-job".into()).spawn(job) {
            let _ = self.tx.send((id, Err(format!("could not start a background task: {e}"))));
        }
        id
    }

    /// Results that arrived since the last poll (never waits). Failed jobs end their busy mark
    /// and are kept for [`Self::take_failures`].
    pub fn poll(&mut self) -> Vec<T> {
        let mut out = Vec::new();
        for (id, r) in self.rx.try_iter() {
            self.running.retain(|(i, _)| *i != id);
            match r {
                Ok(v) => out.push(v),
                Err(e) => {
                    tracing::error!("a background job failed: {e}");
                    self.failures.push(e);
                }
            }
        }
        out
    }

    /// Why jobs failed (panicked or could not start) since the last call.
    pub fn take_failures(&mut self) -> Vec<String> {
        std::mem::take(&mut self.failures)
    }

    pub fn busy(&self) -> bool {
        !self.running.is_empty()
    }

    pub fn busy_with(&self, kind: K) -> bool {
        self.running.iter().any(|(_, k)| *k == kind)
    }

    /// What is running, oldest first, each kind once.
    pub fn running(&self) -> Vec<K> {
        let mut v: Vec<K> = Vec::new();
        for (_, k) in &self.running {
            if !v.contains(k) {
                v.push(*k);
            }
        }
        v
    }
}

impl<T: Send + 'static> Runner<T, ()> {
    /// Runs `f` off the UI thread (jobs nobody asks about by kind).
    pub fn spawn(&mut self, f: impl FnOnce() -> T + Send + 'static) -> u64 {
        self.run((), f)
    }
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    let what = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
    format!("a background task panicked: {}", what.unwrap_or_else(|| "no message".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    #[test]
    fn results_arrive_without_waiting_and_panics_end_the_busy_mark() {
        let woken = Arc::new(AtomicUsize::new(0));
        let w = woken.clone();
        let mut jobs: Runner<u32, &'static str> = Runner::new(
            Arc::new(move || {
                w.fetch_add(1, Ordering::SeqCst);
            }),
            false,
        );
        let (gate_tx, gate_rx) = mpsc::channel::<()>();
        jobs.run("slow", move || {
            let _ = gate_rx.recv();
            7
        });
        jobs.run("boom", || panic!("job failed"));
        // The slow job is held: poll returns at once with nothing from it.
        assert!(jobs.poll().is_empty());
        assert!(jobs.busy_with("slow"));
        gate_tx.send(()).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut got = Vec::new();
        while jobs.busy() {
            assert!(Instant::now() < deadline, "jobs did not finish: {:?}", jobs.running());
            got.extend(jobs.poll());
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(got, vec![7]);
        assert_eq!(woken.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_panicking_inline_job_is_reported_and_not_busy() {
        let mut jobs: Runner<u32> = Runner::new(Arc::new(|| {}), true);
        jobs.spawn(|| panic!("inline boom"));
        assert!(jobs.poll().is_empty());
        assert!(!jobs.busy());
        let f = jobs.take_failures();
        assert_eq!(f.len(), 1);
        assert!(f[0].contains("inline boom"), "{f:?}");
    }
}
