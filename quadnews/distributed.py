"""The Dask engine: the per-article extraction on a Dask distributed cluster.

The parent (``quadnews timeline --engine dask``) reads the articles, answers from its cache
what it can, and submits the rest in chunks to the cluster, exactly as the local engine does
with its worker processes: the chunk function is the same (``quadnews.engine.process_chunk``),
results come back as compact JSON and are merged here in input order, so the output is
identical to the local engine's.

Each Dask worker loads the spaCy model once (on its first chunk; ``load_pipeline`` is cached per
process) and keeps it. Workers need quadnews and the model installed, in the same versions as
the client: ``pip install 'quadnews[dask]'`` on every machine.

Without ``--scheduler`` a ``LocalCluster`` of ``--jobs`` single-threaded worker processes is
started for the run (useful to try the engine; the local engine is lighter on one machine).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from quadnews.engine import Chunk, Row, process_chunk
from quadnews.errors import UsageError


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'quadnews[dask]' "
                         "(dask[distributed] on this machine and on every worker)") from None
    return distributed


class DaskBackend:
    def __init__(self, scheduler: str | None, *, jobs: int, model: str, parse: str | None) -> None:
        distributed = _import_distributed()
        self.model = model
        self.parse = parse
        self._cluster: Any = None
        if scheduler:
            try:
                self.client = distributed.Client(scheduler, timeout="30s")
            except (OSError, TimeoutError) as err:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        else:
            self._cluster = distributed.LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR)
            self.client = distributed.Client(self._cluster)

    def submit(self, chunk: Chunk, *, final: bool = False) -> Any:
        # pure=False: two chunks with equal articles are still two tasks with their own indices.
        return self.client.submit(process_chunk, chunk, self.model, self.parse, pure=False)

    def wait_any(self, futures: Iterable[Any]) -> set[Any]:
        from distributed import wait

        return set(wait(list(futures), return_when="FIRST_COMPLETED").done)

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


__all__ = ["DaskBackend", "Row"]
