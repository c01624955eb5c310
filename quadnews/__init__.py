"""quadnews: who did what, where and when in news articles.

The public API is imported lazily so that ``quadnews --help`` and ``import quadnews`` stay
instant: spaCy is loaded only when an extraction actually runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "extract_article", "extract_many", "load_pipeline"]

if TYPE_CHECKING:  # pragma: no cover
    from quadnews.api import extract, extract_article, extract_many
    from quadnews.pipeline import load_pipeline


def __getattr__(name: str) -> Any:
    if name in {"extract", "extract_article", "extract_many"}:
        from quadnews import api as _extract

        return getattr(_extract, name)
    if name == "load_pipeline":
        from quadnews.pipeline import load_pipeline

        return load_pipeline
    raise AttributeError(f"module 'quadnews' has no attribute {name!r}")
