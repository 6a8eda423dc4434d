//! Local background jobs for a UI: blocking work (profiles file, cache, keyring, starting the
//! in-process sandbox) runs on the background runtime's blocking pool; results come back over a
//! channel and the repaint callback wakes the UI. Like [`super::PortalHandle`], nothing here waits.

use super::client::runtime;
use super::handle::Repaint;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc;

/// One job's result, tagged with the id `spawn` returned. `None` when the job panicked.
type Done<T> = (u64, Option<T>);

pub struct Jobs<T> {
    tx: mpsc::Sender<Done<T>>,
    rx: mpsc::Receiver<Done<T>>,
    repaint: Repaint,
    next_id: u64,
    running: Vec<(u64, &'static str)>,
}

impl<T: Send + 'static> Jobs<T> {
    pub fn new(repaint: Repaint) -> Self {
        let (tx, rx) = mpsc::channel();
        Jobs { tx, rx, repaint, next_id: 1, running: Vec::new() }
    }

    /// Runs `f` off the UI thread; `name` shows what is busy ("open profile").
    pub fn spawn(&mut self, name: &'static str, f: impl FnOnce() -> T + Send + 'static) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.running.push((id, name));
        let (tx, repaint) = (self.tx.clone(), self.repaint.clone());
        runtime().spawn_blocking(move || {
            // A panicking job must still end its busy mark, or the spinner would spin forever.
            let r = std::panic::catch_unwind(AssertUnwindSafe(f)).ok();
            let _ = tx.send((id, r));
            repaint();
        });
        id
    }

    /// Results that arrived since the last poll (never waits).
    pub fn poll(&mut self) -> Vec<T> {
        let mut out = Vec::new();
        for (id, r) in self.rx.try_iter() {
            self.running.retain(|(i, _)| *i != id);
            match r {
                Some(v) => out.push(v),
                None => tracing::error!("a background job panicked"),
            }
        }
        out
    }

    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    pub fn busy_with(&self, name: &str) -> bool {
        self.running.iter().any(|(_, n)| *n == name)
    }

    /// What is running, for a busy label ("open profile, save profiles").
    pub fn running_names(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self.running.iter().map(|(_, n)| *n).collect();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    #[test]
    fn results_arrive_without_waiting_and_panics_end_the_busy_mark() {
        let woken = Arc::new(AtomicUsize::new(0));
        let w = woken.clone();
        let mut jobs: Jobs<u32> = Jobs::new(Arc::new(move || {
            w.fetch_add(1, Ordering::SeqCst);
        }));
        let (gate_tx, gate_rx) = mpsc::channel::<()>();
        jobs.spawn("slow", move || {
            let _ = gate_rx.recv();
            7
        });
        jobs.spawn("boom", || panic!("job failed"));
        // The slow job is held: poll returns at once with nothing from it.
        assert!(jobs.poll().is_empty());
        assert!(jobs.busy_with("slow"));
        gate_tx.send(()).unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut got = Vec::new();
        while jobs.is_busy() {
            assert!(Instant::now() < deadline, "jobs did not finish: {:?}", jobs.running_names());
            got.extend(jobs.poll());
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(got, vec![7]);
        assert_eq!(woken.load(Ordering::SeqCst), 2);
    }
}
