"""``qn_attributes``: the model's attribute_ruler, applied by dictionary lookups.

en_core_web_sm maps each fine tag to its coarse POS and morphology with 179 attribute_ruler
patterns, almost all of one token ("TAG == NN", "LOWER == 's' and TAG == POS"). spaCy runs them
through a Matcher and sets every match through a new Span, which costs about an eighth of the
whole pipeline's time on news. The same patterns, indexed by the attributes they test, give the
same matches for a fraction of the cost; the few patterns that are not single-token exact
matches still go through a Matcher. The result is identical token for token (tested in
``tests/test_fastattrs.py`` against the model's own component).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

_MAX_MEMO = 100_000

# Token attributes a single-token pattern may test and still be indexed.
_GETTERS = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
    "ORTH": lambda t: t.text,
    "POS": lambda t: t.pos_,
}


class FastAttributeRuler:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.attrs: list[dict[int, Any]] = []
        self.indices: list[int] = []
        # key names (sorted) -> their values for a token -> attribute-set ids
        self.index: dict[tuple[str, ...], dict[tuple[Any, ...], list[int]]] = {}
        self.matcher: Matcher | None = None
        self._memo: dict[tuple[Any, ...], list[int]] = {}
        self.predicates: list[tuple[int, dict[str, Any]]] = []
        self._used: tuple[str, ...] = ()
        self._merged_memo: dict[tuple[int, ...], dict[int, Any]] = {}

    def copy_from(self, ruler: Any) -> FastAttributeRuler:
        """Take over the patterns of a spaCy ``AttributeRuler``, in its order."""
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        index: dict[tuple[str, ...], dict[tuple[Any, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
        rest = Matcher(self.vocab, validate=False)
        has_rest = False
        for attr_id in range(len(self.attrs)):
            for pattern in ruler.matcher.get(str(attr_id))[1]:
                spec = {k.upper(): v for k, v in pattern[0].items()} if len(pattern) == 1 else None
                if spec is None or not all(k in _GETTERS for k in spec):
                    rest.add(str(attr_id), [pattern])
                    has_rest = True
                elif all(isinstance(v, (str, bool)) for v in spec.values()):
                    keys = tuple(sorted(spec))
                    index[keys][tuple(spec[k] for k in keys)].append(attr_id)
                else:
                    # IN / NOT_IN / REGEX on one token: a predicate of the token's attributes
                    self.predicates.append((attr_id, spec))
        self.index = {k: dict(v) for k, v in index.items()}
        self.matcher = rest if has_rest else None
        # Only the attributes some pattern tests make a token's answer differ.
        names = {k for keys in self.index for k in keys} | {k for _, spec in self.predicates for k in spec}
        self._used = tuple(sorted(names))
        self._memo.clear()
        return self

    @staticmethod
    def _holds(spec: dict[str, Any], values: dict[str, Any]) -> bool:
        for key, want in spec.items():
            got = values[key]
            if not isinstance(want, dict):
                if got != want:
                    return False
                continue
            for op, arg in want.items():
                if op == "IN" and got not in arg:
                    return False
                if op == "NOT_IN" and got in arg:
                    return False
                if op == "REGEX" and not re.search(arg, got):
                    return False
                if op not in {"IN", "NOT_IN", "REGEX"}:
                    raise ValueError(f"attribute pattern operator {op!r} is not supported")
        return True

    def _ids_for(self, values: dict[str, Any]) -> list[int]:
        ids: list[int] = []
        for keys, table in self.index.items():
            hit = table.get(tuple(values[k] for k in keys))
            if hit:
                ids.extend(hit)
        ids.extend(attr_id for attr_id, spec in self.predicates if self._holds(spec, values))
        return ids

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = defaultdict(list)
        if self.matcher is not None:
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                attr_id = int(self.vocab.strings[match_id])
                token: Token = doc[start:end][self.indices[attr_id]]
                extra[token.i].append(attr_id)
        # Matching reads the doc before anything is set, as the ruler does: collect first.
        plan: list[tuple[Token, dict[int, Any]]] = []
        memo = self._memo
        if len(memo) > _MAX_MEMO:
            memo.clear()  # a long run meets ever more words: keep memory flat
        used = self._used
        for tok in doc:
            key = tuple(_GETTERS[name](tok) for name in used)
            ids = memo.get(key)
            if ids is None:
                ids = memo[key] = self._ids_for(dict(zip(used, key, strict=True)))
            more = extra.get(tok.i)
            if more:
                ids = ids + more
            if ids:
                plan.append((tok, self._merged(tuple(sorted(ids)))))
        for tok, attrs in plan:
            set_token_attrs(tok, attrs)
        return doc

    def _merged(self, ids: tuple[int, ...]) -> dict[int, Any]:
        merged = self._merged_memo.get(ids)
        if merged is None:
            merged = {}
            # the ruler applies sets in the order they were added; later ones win
            for attr_id in ids:
                merged.update(self.attrs[attr_id])
            self._merged_memo[ids] = merged
        return merged


@Language.factory("qn_attributes")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp, name)
