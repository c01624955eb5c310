"""qn_attributes gives exactly what the model's own attribute_ruler gives, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from quadnews.fastattrs import FastAttributeRuler
from quadnews.pipeline import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "I ain't gonna let 'em go, y'all, 'cause there's nothin' we can't do.",
    "There are three reasons, and it's not that we don't care: we'd rather wait.",
    "Gotta say, c'mon, let's see whether the minister will resign if the coalition collapses.",
    "The talks, which he'd called off, resumed although neither side had asked for it.",
]


@pytest.fixture(scope="module")
def plain():
    return spacy.load(DEFAULT_MODEL)


def _texts() -> list[str]:
    files = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "timeline").glob("*.txt"))
    return SENTENCES + [f.read_text(encoding="utf-8") for f in files]


def test_same_attributes_as_the_attribute_ruler(plain):
    ruler = plain.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(plain, "qn_attributes").copy_from(ruler)
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(plain.pipe(_texts()))
    for doc in docs:
        a, b = ruler(doc.copy()), fast(doc.copy())
        got = [(t.pos_, str(t.morph), t.tag_, t.lemma_) for t in b]
        want = [(t.pos_, str(t.morph), t.tag_, t.lemma_) for t in a]
        assert got == want


def test_the_pipeline_uses_it(nlp):
    assert "qn_attributes" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
