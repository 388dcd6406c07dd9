"""A hand-made store for the web tests: a few years of Russia's relations
with Pakistan and India (and some others), an article full of HTML that
must be shown literally, and edge cases (overlapping evidence, bad offsets,
an undated event, non-asserted modalities).

The articles are invented for testing; codes, Goldstein values and quad
classes come from accord's CAMEO codebook.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from accord.codebook import load_codebook
from accord.records import Actor, DateRange, Document, Event
from accord.store import Store

XSS_TITLE = "Leaked memo <script>alert(1)</script>"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

# (year, source, target, cameo, sentence) — the story the charts tell:
# Russia warms to Pakistan from 2014 on while its ties with India cool a bit.
STORY: list[tuple[int, str, str, str, str]] = [
    (2012, "RUS", "IND", "057", "Russia and India signed a defence cooperation agreement in New Delhi."),
    (2012, "RUS", "IND", "036", "Moscow expressed its intent to meet Indian leaders again within the year."),
    (2012, "RUS", "PAK", "111", "Russian officials criticized Pakistan over militant safe havens."),
    (2012, "IND", "RUS", "043", "The Indian prime minister visited Moscow for the annual summit."),
    (2013, "RUS", "IND", "061", "Russia delivered the refitted aircraft carrier to India."),
    (2013, "RUS", "PAK", "040", "Russian and Pakistani diplomats held consultations on Afghanistan."),
    (2013, "RUS", "IND", "042", "Russian ministers made a visit to India to discuss trade."),
    (2014, "RUS", "PAK", "057", "Russia lifted its arms embargo on Pakistan and signed a military cooperation accord."),
    (2014, "RUS", "IND", "051", "Moscow praised New Delhi for its neutral stance on Crimea."),
    (2014, "RUS", "IND", "057", "Russia and India signed an agreement on nuclear power plants."),
    (2015, "RUS", "PAK", "061", "Russia agreed to supply attack helicopters to Pakistan."),
    (2015, "PAK", "RUS", "043", "Pakistan's army chief visited Moscow."),
    (2015, "RUS", "IND", "040", "Russian and Indian officials held consultations on defence trade."),
    (2016, "RUS", "PAK", "062", "Russian troops held their first joint military exercise with Pakistan."),
    (2016, "IND", "RUS", "112", "India accused Russia of undermining its interests by exercising with Pakistan."),
    (2016, "RUS", "IND", "057", "Russia and India signed a deal for S-400 air defence systems."),
    (2017, "RUS", "PAK", "036", "Moscow expressed its intent to deepen ties with Islamabad."),
    (2017, "RUS", "IND", "042", "Russian officials made a visit to India to discuss energy."),
    (2018, "RUS", "PAK", "057", "Russia and Pakistan signed an agreement on naval cooperation."),
    (2018, "RUS", "IND", "130", "Russia threatened to cancel defence contracts if India bought rival systems."),
    (2018, "RUS", "IND", "043", "The Russian president visited New Delhi."),
    (2019, "RUS", "PAK", "062", "Russian and Pakistani forces held joint exercises in the mountains."),
    (2019, "RUS", "IND", "111", "Russian diplomats criticized India over its deepening ties with Washington."),
    (2019, "RUS", "IND", "061", "Russia supplied spare parts to India's air force."),
    (2020, "RUS", "PAK", "051", "Moscow praised Islamabad for its role in the Afghan peace talks."),
    (2020, "RUS", "IND", "112", "Russia accused India of joining an anti-China bloc."),
    (2021, "RUS", "PAK", "042", "Russia's foreign minister made a visit to Islamabad."),
    (2021, "RUS", "PAK", "061", "Russia offered Pakistan military equipment."),
    (2021, "RUS", "IND", "040", "Russian and Indian ministers held consultations in New Delhi."),
    (2021, "RUS", "IND", "111", "Moscow criticized New Delhi over its Quad membership."),
    (2017, "USA", "PAK", "111", "Washington criticized Islamabad for sheltering militants."),
    (2019, "USA", "IND", "057", "The United States and India signed a defence agreement."),
    (2020, "CHN", "IND", "190", "Chinese and Indian troops fought a deadly clash in the Galwan valley."),
]

NAMES = {"RUS": "Russia", "PAK": "Pakistan", "IND": "India", "USA": "United States", "CHN": "China"}


def _hex(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


@dataclass
class Built:
    path: Path
    docs: dict[str, str] = field(default_factory=dict)  # name -> doc_id
    events: dict[str, list[str]] = field(default_factory=dict)  # doc name -> event ids
    n_events: int = 0


def _event(doc_id: str, text: str, sentence: str, src: str, tgt: str, cameo: str, when: DateRange | None,
           *, modality: str = "asserted", offsets: tuple[int, int] | None = None, src_text: str | None = None,
           key: object = "") -> Event:
    book = load_codebook()
    entry = book.get(cameo)
    start = text.index(sentence) if offsets is None else offsets[0]
    end = start + len(sentence) if offsets is None else offsets[1]
    return Event(
        event_id=_hex(doc_id, sentence, src, tgt, cameo, key),
        doc_id=doc_id,
        source=Actor(f"{src}GOV", src, "GOV", src_text if src_text is not None else NAMES.get(src, src)),
        target=Actor(f"{tgt}GOV", tgt, "GOV", NAMES.get(tgt, tgt)),
        cameo=cameo, root=cameo[:2], quad_class=entry.quad_class, goldstein=entry.goldstein,
        plover_type=entry.plover_type, plover_mode=entry.plover_mode, mutual=cameo in ("057", "062", "040"),
        modality=modality, date=when, sentence=sentence, start=start, end=end, confidence=0.9, coder="test",
    )


def build_store(path: Path) -> Built:
    """Write the test store at ``path`` (a new file) and describe it."""
    built = Built(path=path)
    store = Store(path)
    try:
        # One review article per year and quarter of events.
        by_year: dict[int, list[tuple[str, str, str, str]]] = {}
        for year, src, tgt, cameo, sentence in STORY:
            by_year.setdefault(year, []).append((src, tgt, cameo, sentence))
        for year, items in sorted(by_year.items()):
            intro = f"A look back at {year}.\n\n"
            text = intro + "\n\n".join(s for _, _, _, s in items) + "\n\nAnalysts expect more of the same.\n"
            doc_id = _hex("year", year, text)
            doc = Document(doc_id=doc_id, text=text, external_id=f"review-{year}", title=f"The year {year} in Russian diplomacy",
                           author="Desk", published=date(year, 12, 28), language="en", url=f"https://example.org/review/{year}")
            events = []
            for i, (src, tgt, cameo, sentence) in enumerate(items):
                month = 1 + (i * 4) % 12
                when = DateRange(date(year, month, 10), date(year, month, 10), "day", f"{year}-{month:02d}-10")
                events.append(_event(doc_id, text, sentence, src, tgt, cameo, when))
            store.add_document(doc, raw=None, source="test", events=events)
            built.docs[f"review-{year}"] = doc_id
            built.events[f"review-{year}"] = [e.event_id for e in events]

        # The hostile article: its title, author, URL, text and actor text
        # all carry markup that must be displayed literally.
        evil_sentence = f"Pakistan rejected Russia's note {XSS_IMG} as baseless."
        text = (
            f"{XSS_SCRIPT}\n\nOfficials said {XSS_IMG} was attached.\n\n{evil_sentence}\n\n"
            "Ends with a </script><script>alert(2)</script> and an <iframe src=//evil></iframe>.\n"
        )
        doc_id = _hex("xss", text)
        doc = Document(doc_id=doc_id, text=text, external_id="xss", title=XSS_TITLE, author='"><svg onload=alert(3)>',
                       published=date(2020, 5, 1), language="en", url="javascript:alert(4)")
        ev = _event(doc_id, text, evil_sentence, "PAK", "RUS", "111",
                    DateRange(date(2020, 4, 30), date(2020, 4, 30), "day", "Thursday"), src_text="<b>Pakistan</b>")
        store.add_document(doc, raw=None, source="test", events=[ev])
        built.docs["xss"] = doc_id
        built.events["xss"] = [ev.event_id]

        # Edge cases: two events from one sentence, a nested span, an event
        # whose offsets are out of range (found by its sentence), one whose
        # sentence is not in the text (listed, not highlighted), an undated
        # one, and non-asserted ones.
        s1 = "Russia and Pakistan signed a gas pipeline deal and agreed to hold talks."
        s2 = "India may cut ties with Russia, an official speculated."
        s3 = "Russia sent aid to Pakistan after the floods."
        text = f"Edge cases.\n\n{s1}\n\n{s2}\n\n{s3}\n"
        doc_id = _hex("edge", text)
        doc = Document(doc_id=doc_id, text=text, external_id="edge", title="Edge cases", published=date(2022, 9, 1), language="en")
        i1 = text.index(s1)
        inner = "signed a gas pipeline deal"
        j = text.index(inner)
        events = [
            _event(doc_id, text, s1, "RUS", "PAK", "057", DateRange(date(2022, 8, 1), date(2022, 8, 31), "month", "August")),
            _event(doc_id, text, s1, "RUS", "PAK", "036", DateRange(date(2022, 8, 1), date(2022, 8, 31), "month", "August"), key="b"),
            _event(doc_id, text, inner, "PAK", "RUS", "057", None, offsets=(j, j + len(inner)), key="nested"),
            _event(doc_id, text, s2, "IND", "RUS", "161", DateRange(date(2022, 1, 1), date(2022, 12, 31), "year", "2022"), modality="speculative"),
            _event(doc_id, text, s3, "RUS", "PAK", "073", DateRange(date(2022, 8, 15), date(2022, 8, 15), "day", "15 August"), offsets=(5000, 5040)),
            _event(doc_id, text, "A sentence that is not in the text.", "RUS", "PAK", "042",
                   DateRange(date(2022, 9, 1), date(2022, 9, 1), "day", ""), offsets=(-1, 3), key="missing"),
        ]
        assert i1 >= 0
        store.add_document(doc, raw=None, source="test", events=events)
        built.docs["edge"] = doc_id
        built.events["edge"] = [e.event_id for e in events]
        built.n_events = store.counts()["events"]
    finally:
        store.close()
    return built
