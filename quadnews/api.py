"""The library API: text or articles in, ``Extraction`` results out.

    >>> import quadnews
    >>> result = quadnews.extract("TOKYO, March 25 (Reuters) - Japan's Prime Minister ...")
    >>> result.states[0].code

This is the only module that reads ``doc._.*`` and builds the typed result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from quadnews.article import Article
from quadnews.models import Extraction
from quadnews.pipeline import load_pipeline
from quadnews.reading import article_from_text

DEFAULT_BATCH_SIZE = 32


def extract(text: str, reference_date: date | None = None, *, source: str = "<text>",
            model: str | None = None) -> Extraction:
    """Extract states, leaders, organizations, dates, events and a timeline from one text."""
    article = article_from_text(text, source, reference_date=reference_date)
    return extract_article(article, model=model)


def extract_article(article: Article, *, model: str | None = None) -> Extraction:
    return next(iter(extract_many([article], model=model)))


def extract_many(articles: Iterable[Article], *, model: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Extraction]:
    """Extract from many articles, streaming them through ``nlp.pipe`` in batches."""
    nlp = load_pipeline(model)

    def docs() -> Iterator[tuple[object, Article]]:
        for art in articles:
            doc = nlp.make_doc(art.text)
            doc._.qn_reference = art.reference_date
            doc._.qn_reference_time = art.reference_time
            yield doc, art

    for doc, art in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        yield build_extraction(doc, art)


def build_extraction(doc: object, article: Article) -> Extraction:
    from quadnews import builder

    return builder.build(doc, article)
