"""Memory per worker: how the pipeline's peak memory grows with the number of worker processes.

The local engine loads the resources (gazetteer, keyword tables) in the parent and forks its workers, so
they share those pages copy-on-write. Each extra worker should then add its own working memory, not another
copy of the resources: ``python -m partyevents.bench --mb 0 --real-mb 0 --startup-runs 0 --memory-workers 1 2 4``
runs the same corpus with each worker count and prints the peak PSS (shared pages split between the processes
that map them, so counted once) beside the resident size of the resources in one process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .api import ExtractConfig, extract

__all__ = ["WorkerMemory", "resources_size", "worker_memory"]

_RESOURCES = (
    "import psutil; p = psutil.Process(); import partyevents, pandas, pyarrow; from partyevents.engines import warm_up; "
    "before = p.memory_full_info().uss; warm_up(); print(p.memory_full_info().uss - before)"
)


def resources_size() -> int:
    """Bytes a fresh process holds for the resources: its unique memory after ``warm_up`` minus before (Arrow
    and pandas, which ``warm_up`` also loads, are imported before: they are libraries, not our resources)."""
    out = subprocess.run([sys.executable, "-c", _RESOURCES], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


@dataclass(slots=True)
class WorkerMemory:
    """Peak memory of one corpus run per worker count, and the resources' size in one process."""

    peaks: dict[int, tuple[int, int]]  # workers -> (peak RSS summed, peak PSS summed), bytes
    resources: int

    def per_extra_worker(self) -> float | None:
        """PSS added by each worker beyond the smallest pool of forked workers (two or more), bytes."""
        forked = sorted(n for n in self.peaks if n >= 2)
        if len(forked) < 2:
            return None
        low, high = forked[0], forked[-1]
        return (self.peaks[high][1] - self.peaks[low][1]) / (high - low)

    def report(self) -> str:
        mib = 2**20
        lines = ["memory by worker count (peak of the process tree; PSS counts shared pages once):"]
        for n, (rss, pss) in sorted(self.peaks.items()):
            how = "in this process" if n == 1 else "forked from a parent holding the resources"
            lines.append(f"  {n} worker(s) ({how}): peak PSS {pss / mib:,.0f} MiB, peak RSS summed {rss / mib:,.0f} MiB")
        lines.append(f"  resources resident in one process: {self.resources / mib:,.0f} MiB")
        extra = self.per_extra_worker()
        if extra is not None:
            verdict = "met" if extra < self.resources else "NOT met"
            lines.append(f"  each extra worker adds {extra / mib:,.0f} MiB of PSS "
                         f"(target: less than the resources' {self.resources / mib:,.0f} MiB: {verdict})")
        return "\n".join(lines)


def worker_memory(corpus: Path, workers: tuple[int, ...] = (1, 2, 4)) -> WorkerMemory:
    """Run ``extract`` over the files in ``corpus`` once per worker count; peak memory of each run."""
    from .bench import PeakRSS

    peaks: dict[int, tuple[int, int]] = {}
    for n in workers:
        out = Path(tempfile.mkdtemp(prefix="partyevents-bench-mem-"))
        try:
            with PeakRSS(interval=0.1) as rss:
                extract(corpus, out, ExtractConfig(progress=False, workers=n))
        finally:
            shutil.rmtree(out, ignore_errors=True)
        peaks[n] = (rss.peak, rss.peak_pss)
    return WorkerMemory(peaks, resources_size())
