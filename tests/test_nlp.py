"""Sentence splitting: paragraphs with no sentence-end character skip the
tokenizer and must come out exactly as the sentencizer would cut them."""

from __future__ import annotations

import random

from accord.nlp import _PARA_RE, Sentence, _cut_long, load_splitter, split_sentences


def split_with_spacy(text: str) -> list[Sentence]:
    """The splitter as it was: every paragraph through the sentencizer."""
    paragraphs = [(m.start(), m.group()) for m in _PARA_RE.finditer(text) if m.group().strip()]
    out: list[Sentence] = []
    for p_index, ((p_start, _), doc) in enumerate(zip(paragraphs, load_splitter().pipe(t for _, t in paragraphs))):
        for sent in doc.sents:
            s_text = sent.text.strip()
            if s_text:
                out.extend(_cut_long(len(out), p_index, p_start + sent.start_char + len(sent.text) - len(sent.text.lstrip()), s_text))
    return [Sentence(i, s.paragraph, s.start, s.end, s.text) for i, s in enumerate(out)]


def test_paragraphs_without_sentence_ends_split_as_before():
    texts = [
        "  Heading with spaces  \nKenya and Uganda met. Then they left.\n\tTabbed\xa0caption\u2003",
        "A line\r\n" + "word " * 700 + "\n" + "x" * 4000,
        "Mr. Smith went to the U.S. capital.  Then   he left . ok\nNo end here\n\u3000Second para",
        "\u0964 Hindi\u0964 end\n\xa0\xa0lead",
    ]
    rng = random.Random(7)
    alphabet = list("ab .!?\t\xa0\u2003'\"()-\n") + ["Mr.", "U.S.", "x"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(500)]
    for text in texts:
        assert split_sentences(text) == split_with_spacy(text), repr(text)
