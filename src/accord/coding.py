"""Event coding: from a clean document to events in the public contract.

``Coder.code_document`` runs, per document:

1. split paragraphs and sentences (cheap, every sentence);
2. read the running narrative time of every sentence (``time.Narrative``);
3. find actor mentions in every sentence (``actors.Gazetteer``), resolved
   at the sentence's own time;
4. keep only sentences with an actor (or a reference to one) and a word
   that can realise a lexicon trigger; parse them with spaCy in batches;
5. for each trigger (verb or event noun) in a parsed sentence: source and
   target from the dependency structure, modality from its governors,
   time from its own clause, else the sentence, else the narrative;
6. build ``Event`` records with codebook values and evidence.

Swappable: the coder's name is versioned (``coder.rules.v1``) and every
stored event records it together with the lexicon's digest.
"""

from __future__ import annotations

import hashlib
import re
import logging
from collections.abc import Iterable
import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .actors import Gazetteer, Mention, NameMemory, load_gazetteer
from .codebook import Codebook, load_codebook
from .lexicon import DEFAULT_PREPS, Lexicon, Pattern, inflections, load_lexicon
from .places import Places, load_places
from .nlp import Sentence, parse, split_sentences
from .records import Actor, DateRange, Document, Event
from .time import Narrative, TimeMention, background_time

log = logging.getLogger(__name__)

CODER_NAME = "coder.rules.v1"

# Confidence: a base for a verb-pattern event with both actors named in
# the clause, lowered for each weaker link.  Calibrated by eye on the dev
# set so that 0.5 separates clean codings from guesses; rerun
# `accord eval events` after changing.
BASE_CONFIDENCE = 0.8
PENALTY_COREF = 0.15
PENALTY_NOMINAL = 0.1
PENALTY_NO_DATE = 0.1
PENALTY_DEEP_ACTOR = 0.1
# A side the text does not name (an unnamed attacker, the government a
# protest is implicitly aimed at) is an inference.
PENALTY_IMPLIED = 0.15
# How far before publication an undated past-tense lead is placed.
NEWS_WINDOW_DAYS = 7

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj", "attr", "dative", "oprd"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "csubj", "parataxis", "pcomp"}
# Verbs whose object noun carries the event ("pay a visit", "hold talks").
LIGHT_VERBS = {"pay", "make", "hold", "conduct", "carry", "stage", "take", "launch", "undertake", "have", "begin", "start", "host", "participate", "join", "sign", "reach", "conclude", "ink", "seal", "engage", "issue", "resume", "open",
               # "completed their withdrawal", "speeded up the withdrawal", "ordered the closure"
               "complete", "finish", "speed", "accelerate", "order",
               # "continuing a hunger strike", "organized a general strike", "mounted a campaign"
               "continue", "organize", "organise", "mount", "lead"}
# Refusing a cooperative act is a rejection (CAMEO 12): "refused to meet"
# is 125, "declined to send aid" 122, "refused to withdraw" 124.
REFUSAL_VERBS = {"refuse", "decline", "reject"}
REFUSAL_CODES = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "03": "120"}
# Reporting verbs: "X said it would do Y" expresses an intent to do Y
# (CAMEO 03, or a threat for conflict acts), asserted as of the report.
REPORT_VERBS = {"say", "announce", "declare", "state", "tell", "confirm", "add", "reiterate", "signal", "indicate", "insist", "pledge", "promise", "vow", "warn"}
# Reference words resolved to the paragraph's recent actors.
PLURAL_REFS = {"they", "both", "all sides", "all parties", "both parties", "the parties", "the two parties", "the two countries", "the two sides", "the two leaders", "both sides", "both countries", "the two nations", "the two governments", "the two states", "the two neighbours", "the two neighbors", "both nations", "both leaders",
               "the warring parties", "the warring sides", "the warring factions", "the belligerents", "both governments", "the two armies"}
SINGULAR_REFS = {
    "he": "person", "she": "person", "the president": "person", "the prime minister": "person", "the premier": "person",
    "the foreign minister": "person", "the defence minister": "person", "the defense minister": "person", "the chancellor": "person",
    "it": "state", "the country": "state", "the government": "state", "the kingdom": "state", "the republic": "state",
    "the regime": "state", "the island": "state", "the island nation": "state", "the administration": "state",
    "the group": "group", "the rebels": "group", "the militants": "group", "the militia": "group", "the movement": "group",
    "the insurgents": "group", "the organisation": "org", "the organization": "org", "the alliance": "org", "the bloc": "org",
}
# A coordinated subject with no target acts on itself when the act is
# reciprocal by nature ("Iran and Iraq fought", "the two countries cut
# ties"): consultation, cooperation, reduced relations, fighting.
RECIPROCAL_ROOTS = ("04", "05", "06", "16", "19")
HELP_VERBS = {"help", "assist", "aid"}
# Participles that with "be" state the subject's own stance, not a passive
STATIVE_PARTICIPLES = {"oppose", "commit", "dedicate", "devote", "determine", "resolve", "engage", "involve"}
# Verbs whose object is the doer of the clause after it ("allowed X to run")
OBJECT_CONTROL_VERBS = {"allow", "permit", "let", "force", "order", "urge", "ask", "invite", "encourage", "persuade", "convince", "enable", "compel", "pressure", "press", "tell", "authorize", "authorise"}
RELIEF_WORDS = {"aid", "food", "relief", "humanitarian", "medical", "medicine", "emergency"}
PEACEKEEPING_WORDS = {"peacekeeper", "peacekeeping", "peace-keeping", "peace-keeper"}
ADVERB_PARTICLES = {"out", "off", "down", "up", "back", "away", "aside"}
# Acts that people with no state named aim at their own government: appeals,
# demands, disapproval, rejection, protest (not force: an attacker's side
# is never taken from whom it hurt).
INWARD_ROOTS = ("02", "10", "11", "12", "13", "14")
# Words that make a strike a labour strike ("a general strike", "an
# open-ended strike", "a four-day strike").
LABOUR_STRIKE_WORDS = {"general", "labour", "labor", "national", "nationwide", "day", "week", "indefinite", "open-ended", "ended", "open", "teacher", "worker", "doctor", "nurse", "union", "transport", "student", "token", "wildcat", "sit-down"}
# What is said about someone, which rejecting denies ("rejected claims that ...").
CLAIM_NOUNS = {"claim", "allegation", "accusation", "charge", "suggestion", "assertion", "report", "rumour", "rumor", "speculation"}
# Verbs whose "for" clause is a charge ("arrested for spying").
CHARGE_VERBS = {"arrest", "detain", "jail", "imprison", "convict", "sentence", "charge", "indict", "accuse", "blame", "punish", "expel", "deport", "sanction", "condemn", "criticize", "criticise", "fine", "prosecute", "try", "execute", "investigate"}
# Verbs that make a decision public: a reduction of relations or aid, or a
# halt to talks, that they announce is made by the announcement ("announced
# it would prohibit all aid to the rebels"); sanctions, expulsions and
# withdrawals announced stay threats (1312, 136) until carried out.  A
# decision to yield ("the court decided to allow the candidate to run") is
# the yielding.
DECISION_VERBS = {"announce", "decide", "declare"}
DECIDED_CODES = ("160", "161", "162", "164", "165")
# Verbs of sending and going: "sent officers to Bosnia to investigate".
MOTION_VERBS = {"send", "dispatch", "deploy", "fly", "travel", "go", "come", "arrive", "return", "head", "rush", "move"}
# Participles that say whose people a phrase names ("workers affiliated
# with the union", "fighters loyal to the government").
AFFILIATION_VERBS = {"affiliate", "belong", "link", "attach", "associate", "ally", "tie", "loyal"}
PROTEST_NOUNS = {"demonstration", "protest", "rally", "march", "riot", "strike", "sit-in", "uprising", "intifada"}
# Gatherings and efforts whose "to" clause is what their holders do ("a
# rally to protest ...", "their effort to overthrow the government").
GATHERING_NOUNS = {"rally", "protest", "demonstration", "march", "meeting", "campaign", "strike", "vigil", "sit-in", "gathering", "drive", "effort", "bid", "attempt", "mission"}
# Heads of a phrase that only count the people after "of" ("thousands of
# students", "members of the opposition"); other heads ("the killing of
# civilians") are acts, and the people after "of" are not their object.
QUANTITY_HEADS = {"dozen", "hundred", "thousand", "million", "score", "number", "group", "member", "some", "many", "most", "all", "few", "handful", "crowd", "band", "team", "majority", "part"}  # numerals count by like_num
# Documents that speak for their authors ("a resolution demanding ...").
DOCUMENT_NOUNS = {"resolution", "statement", "declaration", "communique", "communiqué", "letter", "report", "decree", "motion", "note", "memorandum"}
# Objects of a reaction that name an act of force ("condemned the use of force").
# Words that name an attack, not an attacker ("a roadside bomb killed ...",
# "killed in a car bombing"); an explosion, blast or device only with a word
# of attack on it ("a roadside explosion", "an improvised explosive device"),
# not a gas explosion or a helicopter crash.
ATTACK_NOUNS = {"bomb", "bombing", "bomber", "mine", "minefield", "landmine", "ied", "grenade", "rocket", "missile", "shell", "shelling", "mortar", "airstrike", "strike", "raid", "ambush", "attack", "gunfire", "shooting", "sniper"}
# Verbs that say someone attacked, whatever else the clause says ("was shot
# dead in Moscow"; "killed" may be an accident).
VIOLENT_VERBS = {"shoot", "stab", "behead", "bomb", "shell", "assassinate", "lynch", "ambush", "gun", "kidnap", "abduct"}
ATTACK_HEADS = {"explosion", "blast", "device", "detonation"}
ATTACK_MODIFIERS = {"roadside", "suicide", "explosive", "improvised", "bomb", "car", "mine", "minefield", "terrorist"}
VIOLENCE_NOUNS = {"force", "violence", "attack", "strike", "airstrike", "bombing", "shelling", "raid", "invasion", "aggression", "killing", "offensive", "assault", "escalation"}
# Prepositions that frame a clause with an event of its subject's own
# ("said during talks with ...", "on a visit to ...").
FRAME_PREPS = ("during", "after", "before", "ahead", "following", "amid")
# Roots whose target may be given by where the act happens: visits (only
# to or in a place), aid delivered, force shown, seizures, violence.
PLACE_ROOTS = ("04", "07", "15", "17", "18", "19", "20")
# Acts that, with no one else named, are aimed at the actor's own state
# when its clause names a place there (yielding, threats, protest, force;
# not a show of force: troops patrolling or drilling at home aim at no one).
HOME_ROOTS = ("08", "13", "14", "17", "18", "19", "20")
# Acts whose announcement with "will" is an intent (03) or a threat (13):
# meetings, cooperation, aid, yielding, and material conflict.  A verbal
# conflict foretold ("will dismiss any criticism") is neither.
FUTURE_INTENT_ROOTS = ("04", "05", "06", "07", "08", "09", "15", "16", "17", "18", "19", "20")
# Calling off or threatening protest ("called off the strike", "threatened
# a general strike"): like protest, aimed at the actor's own government when
# no one is named.
DISSENT_CODES = ("082", "133")
# Ceasefires, demobilising and surrender (087x): by rebels with no one
# named, made to their own government.
YIELD_TO_STATE_CODES = ("087",)
ARMED_NONSTATE_SECTORS = ("REB", "INS", "SEP", "UAF")
# Curfews and states of emergency imposed, threatened or eased: with no
# place named, on the state's own people.
DOMESTIC_ORDER_CODES = ("1723", "1724", "1323", "1324", "0813", "0814")
# Sectors of the state itself: what they do at home is done to the people.
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", None)
RELATION_NOUNS = {"tie", "relation", "relationship", "link", "contact", "talk", "cooperation", "dialogue", "exchange"}
QUESTION_MARK = "?"
# "X said Y must ...": reporting verbs whose obligation clause is a demand.
OBLIGATION_REPORTERS = {"say", "declare", "state", "insist", "reiterate", "tell", "stress", "warn", "announce", "add", "argue", "write"}
OBLIGATION_MODALS = ("must", "should", "ought")
# Passive acts a state "must" suffer that threaten it ("must be taught a lesson")
PUNITIVE_VERBS = {"punish", "teach", "crush", "defeat", "destroy", "stop", "eliminate", "wipe"}
# Messages a state issues or sends whose "that ... must" clause is a demand
MESSAGE_NOUNS = {"reminder", "warning", "message", "ultimatum", "statement", "note", "letter", "notice"}
# "X said Y had used force" accuses Y; the evidence verbs a report may pass
# through on the way ("said the evidence indicated that ...").
ACCUSING_REPORTERS = {"say", "state", "announce", "declare", "confirm", "charge", "insist", "report", "conclude", "find"}
EVIDENCE_VERBS = {"indicate", "show", "suggest", "prove", "confirm", "demonstrate", "establish"}
_OBLIGATION_WORDS = frozenset(OBLIGATION_MODALS)
# Roots whose events react to an earlier act; with no named target they
# are aimed at that act's author (see ``_reaction_target``).
REACTION_CODES = ("051", "10", "11", "12", "13", "14")
# Appeals for calm or talks, offers to mediate or negotiate, with no
# addressee named, are aimed at the parties of the dispute just told.
PEACEMAKING_CODES = ("0256", "026", "027", "028", "036", "037", "038", "039", "045")
# Verbs of commitment whose act, when the lexicon does not know it, is
# still an intent (030) or a threat (130).
COMMITMENT_VERBS = {"promise": "030", "pledge": "030", "vow": "030", "agree": "030", "offer": "030", "commit": "030", "undertake": "030",
                    "guarantee": "030", "swear": "030", "consent": "030", "threaten": "130",
                    # refusing an act the lexicon does not name is still a rejection
                    "refuse": "120", "decline": "120"}
INTRANSITIVE_REACTIONS = {"protest", "retaliate", "object", "complain", "respond", "mediate", "intervene"}
# Nouns whose clause ("claims that X attacked Y") reports, not asserts:
# the modality of the verb governing them applies.
REPORT_NOUNS = CLAIM_NOUNS | {"fear", "possibility", "prospect", "hope", "plan", "threat", "idea", "question",
                "proposal", "offer", "call", "request", "invitation", "demand", "bid", "plea", "appeal", "intention", "option", "scenario",
                # "demanded an admission by Moscow that its forces murdered ...": what is to be admitted
                "admission", "acknowledgement", "acknowledgment", "confession",
                # "the right of Russian troops to fire", "its readiness to talk"
                "right", "ability", "capacity", "readiness", "willingness", "permission", "authority", "power"}


@dataclass
class Candidate:
    """A trigger with its resolved participants, before it becomes an Event."""

    pattern: Pattern
    trigger: object  # spaCy Token
    sources: list[Mention]
    targets: list[Mention]
    modality: str = "asserted"
    code: str = ""
    mutual: bool = False
    nominal: bool = False
    coref: bool = False
    deep: bool = False
    notes: list[str] = field(default_factory=list)


class Coder:
    """Rule-based CAMEO coder over spaCy parses and a data lexicon."""

    name = CODER_NAME

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None, codebook: Codebook | None = None, places: Places | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = gazetteer or load_gazetteer()
        self.places = places or load_places()
        self.codebook = codebook or load_codebook()
        free, needs = self.lexicon.trigger_conditions()
        self.free_forms = free | {f for w in COMMITMENT_VERBS for f in inflections(w)}
        self.conditional_forms = {f: c for f, c in needs.items() if f not in self.free_forms}
        self.reporter_forms = frozenset(f for w in OBLIGATION_REPORTERS | {"issue", "send", "deliver", "give"} for f in inflections(w)) | {"said", "told", "stated", "sent", "gave", "given"}
        self.mandative_forms = frozenset(f for w in ("insist", "reiterate", "stress", "demand", "urge", "require") for f in inflections(w))
        self.version = f"{CODER_NAME}+lex.{self.lexicon.version}"

    # ------------------------------------------------------------------ API
    def code_document(self, doc: Document) -> list[Event]:
        """All events of a document, every modality (the store keeps them;
        outputs show asserted ones by default)."""
        return self.code_text(doc.text, doc.doc_id, doc.published)

    def code_text(self, text: str, doc_id: str = "text", published: date | None = None) -> list[Event]:
        sentences = split_sentences(text)
        narrative = Narrative(published)
        infos: list[_SentenceInfo] = []
        last_para = -1
        recent: list[Mention] = []
        pairs: list[tuple[Mention, Mention]] = []
        last_time: DateRange | None = None
        last_story_time: DateRange | None = None
        names = NameMemory()
        leads: list[Mention] = []
        for sent in sentences:
            if sent.paragraph != last_para:
                last_para = sent.paragraph
                recent = []
                pairs = []
                leads = []
            prior = last_story_time  # the story's time before this sentence
            times = narrative.read(sent.text)
            # The running time: the narrative's, else the last dated
            # expression of the document (a deictic "on Wednesday" too).
            # A time after publication ("a target of $100 billion by 2030")
            # is a plan, not the story's time: keep the one before it.
            current = narrative.current or last_time
            if current is not None and published is not None and current.start > published:
                current = last_story_time
            last_story_time = current
            dated_here = [
                t.value for t in times
                if t.value is not None and t.timex_type in DATED_TYPES and (published is None or t.value.start <= published)
                # framing spans ("in the past decade") date their own sentence only
                and not (t.kind == "deictic" and (t.value.end - t.value.start).days > 31)
            ]
            if dated_here:
                last_time = dated_here[-1]
            when = _first_date(times) or (current.start if current else published)
            mentions = self.gazetteer.find_mentions(sent.text, when)
            mentions = sorted(mentions + names.find(sent.text, mentions), key=lambda m: m.start)
            names.learn(mentions)
            mentions, places = self.places.split(sent.text, mentions)
            if when is not None:
                mentions, places = _places_then(mentions, when), _places_then(places, when)
            info = _SentenceInfo(sent, times, current, mentions, list(recent), list(pairs), leads=list(leads), places=places, prior=prior)
            infos.append(info)
            lead = next((m for m in mentions if m.kind == "person" and m.country), None) or next((m for m in mentions if m.kind == "role" and m.country), None)
            if lead is not None:
                leads.append(lead)
            recent.extend(m for m in mentions if m.country and not _is_place(sent.text, m))
            pairs.extend(_coordinated(sent.text, mentions))
        candidates = [i for i in infos if self._worth_parsing(i)]
        events: list[Event] = []
        seen: set[str] = set()
        history: list[Candidate] = []  # asserted events so far, for "condemned the invasion"
        for info, parsed in zip(candidates, parse([i.sentence.text for i in candidates]), strict=True):
            info.history = history
            for cand in self._candidates(parsed, info):
                if cand.modality == "asserted":
                    history.append(cand)
                for event in self._events(cand, info, doc_id, published):
                    if event.event_id not in seen:
                        seen.add(event.event_id)
                        events.append(event)
        return events

    # ------------------------------------------------------------- filter
    def _worth_parsing(self, info: "_SentenceInfo") -> bool:
        """Cheap pre-parse filter: an actor (or a reference to a recent
        one) and a word that can realise a trigger."""
        text = info.sentence.text
        lowered = text.lower()
        has_actor = bool(info.mentions) or (bool(info.recent) and _REF_RE.search(lowered) is not None)
        if not has_actor:
            return False
        words = {w.strip(".,;:!?\"'()[]“”‘’").lower() for w in text.split()}
        words |= {w.split("-")[-1] for w in words if "-" in w}
        if words & self.free_forms:
            return True
        # "have", "take", "call" ... trigger only with one of their objects or
        # particles in the sentence ("held talks", "called off")
        if any(self.conditional_forms[w] & words for w in words if w in self.conditional_forms):
            return True
        # "X said Y must ...", "X insisted that Y stop ..."
        return bool(words & self.reporter_forms and words & _OBLIGATION_WORDS) or bool("that" in words and words & self.mandative_forms)

    # --------------------------------------------------------- candidates
    def _candidates(self, sdoc, info: "_SentenceInfo") -> list[Candidate]:
        index = _MentionIndex(sdoc, info.mentions, info.places)
        out: list[Candidate] = []
        consumed: set[int] = set()  # noun triggers already used by a verb
        carried: set[int] = set()  # acts carried by their governing appeal/intent verb
        for tok in sdoc:
            if tok.i in carried:
                continue
            # a predicate adjective triggers only as a participle ("is opposed
            # to"), not as a plain adjective ("is close to the frontier")
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lower_.endswith("ed")):
                cand = (
                    self._verb_candidate(tok, index, info, consumed)
                    or self._obligation_candidate(tok, index, info)
                    or self._commitment_candidate(tok, index, info)
                    or self._accusation_candidate(tok, index, info)
                )
                if cand is None:
                    continue
                act = self._carried_act(tok, cand, index, info, consumed)
                if act is not None:
                    carried.add(act.i)
                out.append(cand)
        for tok in sdoc:
            if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            cand = self._noun_candidate(tok, index, info)
            if cand:
                out.append(cand)
        # One act told twice ("spoke ... during talks with X"): a guessed
        # pairing gives way to a stated one with the same sides and root.
        def key(c: Candidate) -> tuple:
            return (c.code[:2], frozenset(m.country for m in c.sources + c.targets))

        stated = {key(c) for c in out if not c.coref}
        out = [c for c in out if not c.coref or key(c) not in stated]
        # "staged demonstrations to demand reforms", "blocked roads
        # demanding his return": the demand is the protest's purpose, told
        # once as the protest
        protests = {c.trigger.i for c in out if c.code[:2] == "14"}
        out = [c for c in out if not (c.code[:2] == "10" and _purpose_of(c.trigger) in protests)]
        # "sent inspectors to Syria to investigate the attack": the purpose
        # of an act of the same kind between the same sides is that act
        acts = {(c.trigger.i, key(c)) for c in out}
        return [c for c in out if (_purpose_of(c.trigger), key(c)) not in acts]

    def _match(self, table: dict[str, list[Pattern]], tok, objects: set[str]) -> Pattern | None:
        pats = table.get(tok.lemma_.lower())
        if not pats:
            return None
        particles = {c.lemma_.lower() for c in tok.children if c.dep_ == "prt"}
        # "walked out", "stepped aside": a particle the parser read as an adverb
        particles |= {c.lower_ for c in tok.children if c.dep_ == "advmod" and tok.i < c.i <= tok.i + 4 and c.lower_ in ADVERB_PARTICLES}
        # "called ... on Wednesday" is no "call on": a preposition of time is no particle.
        preps_here = {c.lemma_.lower() for c in tok.children if c.dep_ in ("prep", "agent", "prt") and not _time_prep(c)}
        fitting = []
        for pat in pats:  # sorted most specific first
            if pat.particle and pat.particle not in particles and pat.particle not in preps_here:
                continue
            if not pat.particle and particles and any(p.particle in particles for p in pats if p.particle):
                continue
            if pat.objects and not (pat.objects & objects):
                continue
            fitting.append(pat)
        if not fitting:
            return None
        best = [p for p in fitting if p.specificity == fitting[0].specificity]
        if len(best) > 1 and best[0].objects:
            # "agreed to US mediation in the talks": of two rows that fit
            # equally, the one whose object is nearer the verb
            def distance(pat: Pattern) -> int:
                return min((abs(t.i - tok.i) for t in tok.subtree if t.lemma_.lower() in pat.objects), default=10**6)

            return min(best, key=distance)
        return fitting[0]

    def _noun_match(self, noun, objects: set[str]) -> Pattern | None:
        """The noun row for ``noun``; a strike named as a hunger strike or
        a labour strike ("a general strike", "a four-day strike") is a
        protest (142, 143), not an attack from the air."""
        pattern = self._match(self.lexicon.nouns, noun, objects)
        if pattern is not None and noun.lemma_.lower() == "strike":
            mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
            mods |= {g.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound") for g in c.children}
            if "hunger" in mods:
                return _coder_pattern("142", noun, "a hunger strike")
            if mods & LABOUR_STRIKE_WORDS:
                return _coder_pattern("143", noun, "a labour strike")
        return pattern

    def _verb_candidate(self, verb, index: "_MentionIndex", info: "_SentenceInfo", consumed: set[int]) -> Candidate | None:
        objects = _object_lemmas(verb)
        pattern = self._match(self.lexicon.verbs, verb, objects)
        if pattern is None or not pattern.objects:
            # "pledged 2 billion euros in military aid": the amount's "in"
            # names what was given, when nothing more specific matched.
            nested = {g.lemma_.lower() for o in _direct_objects(verb) for g in _prep_objects(o, ("in",))}
            better = self._match(self.lexicon.verbs, verb, objects | nested) if nested else None
            if better is not None and better.objects:
                pattern, objects = better, objects | nested
        obj_noun = None
        if verb.lemma_.lower() in LIGHT_VERBS and (pattern is None or not pattern.objects):
            # A light verb whose object noun is itself an event ("paid a
            # visit", "held talks", "took part in exercises").
            for noun in _direct_objects(verb) + _prep_objects(verb, ("in", "on")) + [n for o in _direct_objects(verb) for n in _prep_objects(o, ("in",))]:
                npat = self._noun_match(noun, _object_lemmas(noun))
                if npat is not None:
                    pattern, obj_noun = npat, noun
                    break
        if pattern is None:
            return None
        for noun in _object_tokens(verb):
            consumed.add(noun.i)
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
        # "a deal brokered by China": a participle with an agent is passive too
        passive = passive or (verb.dep_ == "acl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))
        if passive and verb.lemma_.lower() in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in verb.children):
            passive = False  # "Israel is opposed to French mediation": Israel opposes it
        subj_tok = _subject(verb)
        sources, s_coref, s_deep = index.actors_for(subj_tok, info, subject=True) if subj_tok is not None else ([], False, False)
        if not sources and subj_tok is not None and subj_tok.dep_ in SUBJECT_DEPS and not passive:
            # two subjects where the parser misread a sentence adverb ("This
            # notwithstanding Russia agreed ..."): the other one
            for other in (c for c in subj_tok.head.children if c.dep_ in SUBJECT_DEPS and c.i != subj_tok.i):
                sources, s_coref, s_deep = index.actors_for(other, info, subject=True)
                if sources:
                    subj_tok = other
                    break
        if not sources and verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in HELP_VERBS:
            # "British marines helped Gibraltar detain a tanker": the helper acts too.
            sources, s_coref, s_deep = index.actors_for(_subject(verb.head), info)
        if (not sources or s_deep) and not passive:
            located = index.role_state(subj_tok, verb, subject=True)
            if located is not None:
                sources, s_coref, s_deep = [located], False, False
        if passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            agent_obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            patient_sources = sources
            sources, s_coref, s_deep = index.actors_for(agent_obj, info) if agent_obj is not None else ([], False, False)
            direct_targets = patient_sources
            if not sources and agent is None and pattern.code[:2] == "17":
                # "An American journalist was detained in Iran": with no agent,
                # coercion is done by the authorities of the place.
                where = index.location(_clause_tokens(verb))
                if where is not None:
                    sources = [Mention(where.start, where.end, where.text, where.country, "GOV", "located")]
        else:
            direct_targets = []
            for obj in _direct_objects(verb):
                if obj_noun is not None and obj.i == obj_noun.i:
                    continue
                found, _, _ = index.actors_for(obj, info, include_subtree=not pattern.objects, hostile=pattern.code[:2] >= "10")
                direct_targets.extend(found)
        targets = [m for m in direct_targets if not _same_actor(m, sources)]
        unattributed = ""
        if not sources and pattern.code[:2] in ("18", "19", "20") and subj_tok is not None and (_is_attack(subj_tok) or (passive and (verb.lemma_.lower() in VIOLENT_VERBS or any(_is_attack(verb.doc[i]) for i in _clause_tokens(verb))))):
            # "a roadside bomb near Samarra killed a US soldier", "a journalist
            # was killed in a car bomb in Beirut": the attacker is not named;
            # by CAMEO's convention the unidentified armed forces of the
            # place (UAF), an implied side with no text.  Not when the clause
            # names a state ("killed in fighting with Chinese troops").
            scope = _clause_tokens(verb) | {t.i for t in subj_tok.subtree}
            where = index.location(scope, near=True)
            named = [index.by_token[i] for i in scope if i in index.by_token and (where is None or index.by_token[i].country != where.country)]
            victims_named = {m.start for m in direct_targets}
            if where is not None and where.country and all(m.start in victims_named for m in named):
                sources = [_implied(where, "UAF")]
                unattributed = f"attacker not named: unidentified armed forces of '{where.text}'"
                victims = subj_tok if passive else next(iter(_direct_objects(verb)), None)
                if not targets and victims is not None:
                    placed = index.role_state(victims, verb, home=where.country)
                    targets = [placed] if placed is not None else []
        if not targets and verb.lemma_.lower() in HELP_VERBS:
            # "help Sri Lanka restructure its debt": the helped is the subject of the clause helped
            helped = [g for c in verb.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ in SUBJECT_DEPS]
            # "help defend Saudi Arabia": or what the help is for
            helped += [g for c in verb.children if c.dep_ == "xcomp" and not any(x.dep_ in SUBJECT_DEPS for x in c.children) for g in _direct_objects(c)]
            targets = [m for g in helped for m in index.actors_for(g, info, include_subtree=False)[0] if not _same_actor(m, sources)]
        if not targets and pattern.code[:2] in ("02", "10") and not _direct_objects(verb):
            # "demanded that North Korea give up ...": the addressee is the
            # subject of the demanded clause.
            clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            subj = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None) if clause is not None else None
            if subj is not None:
                targets = [m for m in index.actors_for(subj, info)[0] if not _same_actor(m, sources)]
        if not targets:
            heads = [verb] + ([obj_noun] if obj_noun is not None else []) + _direct_objects(verb)
            # "pulled its troops back from the border": the preposition hangs on the particle
            heads += [c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ in ADVERB_PARTICLES]
            # (not the reason: "broke off relations with Congo over its ties with Israel")
            heads += [o for o in _object_tokens(verb) if o.lemma_.lower() in pattern.objects and o not in heads and o.head.lower_ not in ("over", "despite", "because")]
            # "pledged 2 billion euros in military aid to Ukraine"
            heads += [g for o in _direct_objects(verb) for g in _prep_objects(o, ("of", "with", "for", "in")) if g.lemma_.lower() in pattern.objects and g not in heads]
            # troops massed on or pulled back from a state's border, or a
            # truce broken along it, face that state; a village attacked or
            # taken on it is only near it
            border_ok = pattern.code[:2] in ("13", "15") or pattern.code.startswith(("196", "087"))
            hostile = pattern.code[:2] >= "10"
            # a cooperative act is not done to whom it is "against" ("supported
            # the campaign against al-Qaeda"), unless its own row says so
            preps = pattern.preps if hostile or pattern.preps != DEFAULT_PREPS else tuple(p for p in pattern.preps if p != "against")
            targets = index.prep_actors(heads, preps, exclude=sources, locative_ok=pattern.explicit_locative, info=info, border_ok=border_ok, hostile=hostile)
            if not targets:
                # "allow the return of U.N. weapons inspectors": the state
                # qualifies the noun the pattern was matched on
                nested = [g for o in _direct_objects(verb) for g in _prep_objects(o, ("of",)) if g.lemma_.lower() in pattern.objects]
                # "agreed to US mediation": the object after a preposition, qualified by a state
                nested += [o for o in _object_tokens(verb) if o.dep_ == "pobj" and o.lemma_.lower() in pattern.objects]
                targets = [m for g in nested for c in g.children if c.dep_ in ("compound", "amod", "poss") and (m := index.by_token.get(c.i)) is not None and not _same_actor(m, sources) and not any(_one_actor(m, s_) for s_ in sources)][:1]
        if not targets and pattern.code[:2] == "12" and not passive:
            # "rejected a call for its peacekeepers to be deployed in East
            # Timor": what was rejected names whom it concerns
            for obj in _direct_objects(verb):
                if obj.lemma_.lower() in CLAIM_NOUNS:
                    continue  # "rejected claims that it sold weapons to X" denies, and names no one rejected
                deep = [index.by_token[t.i] for t in obj.subtree if t.i in index.by_token and t.i != obj.i]
                deep = [m for m in deep if not _same_actor(m, sources) and not any(_one_actor(m, s_) for s_ in sources)]
                if deep:
                    targets = deep[:1]
                    break
        if not targets and verb.dep_ == "advcl" and _has_aux(verb, ("to",)) and verb.head.lemma_.lower() in MOTION_VERBS and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            # "sent 21 officers to Bosnia to investigate ...": the purpose of
            # a journey is pursued where the journey goes
            targets = index.prep_actors([verb.head], ("to", "into"), exclude=sources)
        if pattern.code[:2] == "11" and len({m.country for m in targets}) > 1 and not passive:
            # "complained to the United Nations over Israeli air raids": the
            # complaint is about the one named with "over", not its addressee
            about = index.prep_actors([verb] + _direct_objects(verb), ("over", "about", "against", "regarding"), exclude=sources)
            if about:
                targets = about
        if not targets and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and subj_tok is not None and _subject(verb.head) == subj_tok and not passive and not index.prep_actors([verb], pattern.preps, exclude=[]):
            # "cut ties with Qatar and closed their links": a coordinated act
            # with no target of its own is aimed where the first one is.
            head = verb.head
            for obj in _direct_objects(head):
                targets.extend(m for m in index.actors_for(obj, info, include_subtree=False)[0] if not _same_actor(m, sources))
            targets = targets or index.prep_actors([head] + _direct_objects(head), ("with", "against", "on", "to", "toward", "towards"), exclude=sources)
        if not targets and sources and not passive and pattern.code[:2] == "02":
            # "called on Arabs to mobilize against Sharon": urging others to
            # act against a state rallies opposition against it (113)
            against = [g for c in verb.children if c.dep_ in ("xcomp", "ccomp", "advcl") for t in c.subtree if t.dep_ == "prep" and t.lower_ == "against" for g in _prep_complements(t)]
            found = [m for g in against for m in index.actors_for(g, info, include_subtree=False)[0] if not _same_actor(m, sources) and not any(_one_actor(m, s_) for s_ in sources)]
            if found:
                targets = found[:1]
                pattern = _coder_pattern("113", verb, f"urged others to act against '{found[0].text}'")
        if not targets and sources and not passive:
            # "threatened to strike unless Israel rescinded the annexation":
            # a conditioned act with no one named is aimed at whoever must
            # meet the condition
            cond = _condition_subject(verb)
            if cond is not None:
                targets = [m for m in index.actors_for(cond, info, include_subtree=False)[0] if not _same_actor(m, sources) and not any(_one_actor(m, s_) for s_ in sources)]
        pattern = self._refined_pattern(verb, pattern, subj_tok, passive)
        sources, targets, implicit = self._unnamed_sides(verb, pattern, index, info, sources, targets, subj_tok, passive)
        if pattern.reverse:
            sources, targets = targets, sources
        cand = Candidate(pattern=pattern, trigger=verb, sources=sources, targets=targets, coref=s_coref, deep=s_deep)
        cand.nominal = obj_noun is not None
        if implicit:
            cand.notes.append(implicit)
        if unattributed:
            cand.notes.append(unattributed)
        return self._finish(cand, info)

    def _unnamed_sides(self, verb, pattern: Pattern, index: "_MentionIndex", info: "_SentenceInfo", sources: list[Mention], targets: list[Mention], subj_tok, passive: bool) -> tuple[list[Mention], list[Mention], str]:
        """The sides a clause does not name outright, by the rules of
        ``docs/events.md`` ("Where the two sides come from"): purposes of
        protests, people with no state named, places, investigations,
        domestic acts.  Returns the sources, the targets, and why the
        target is implied when it is not named (else "")."""
        implicit = ""
        if not targets and (sources or pattern.code[:2] == "14") and not passive and pattern.code[:2] in ("14", "17", "18", "19", "20"):
            # "blocked roads to press their demands on the government",
            # "began a hunger strike in protest of Moscow's refusal": a
            # protest is aimed at whom its purpose names; so is force used
            # ("opened fire to disperse fundamentalist demonstrators")
            targets = index.purpose_target(verb, sources, protest=pattern.code[:2] == "14")
        if not targets and sources and not passive:
            targets = index.located_object(verb, pattern, sources)
            if targets and pattern.code[:2] == "14" and sources[0].sector is None:
                # people named by their nationality protesting at home are civilians
                sources = [dataclasses.replace(sources[0], sector="CVL")]
        if not targets and sources and (pattern.code[:2] in PLACE_ROOTS or pattern.code[:3] == "162") and (pattern.code[:2] != "04" or pattern.explicit_locative or _direct_objects(verb)):
            # "seized a naval base in Sevastopol", "destroyed much of
            # Nagasaki", "arrived in Mumbai": the place's state is the target.
            targets = index.place_in_clause(verb, subj_tok, sources, material=pattern.code[:2] != "04")
        if not targets and sources and not passive and pattern.code[:2] == "09":
            # an investigation is of whoever did what is investigated
            # ("investigating war crimes by Croatian extremists") ...
            for obj in _direct_objects(verb) + [o for o in _object_tokens(verb) if o.lemma_.lower() in pattern.objects]:
                for agent in _prep_objects(obj, ("by",)):
                    targets = [m for m in index.actors_for(agent, info)[0] if not any(_one_actor(m, s_) or m.start == s_.start for s_ in sources)]
                    if targets:
                        break
                if targets:
                    break
            if not targets:
                # ... or of the state where it happens ("sent inspectors to a
                # plant in central Iran")
                where = index.location(_clause_tokens(verb) | {t.i for o in _object_tokens(verb) for t in o.subtree})
                if where is not None and all(where.country != s_.country for s_ in sources):
                    targets = [where]
        if not targets and sources and not passive and pattern.code[:2] in HOME_ROOTS and len({m.country for m in sources}) == 1 and sources[0].country:
            # "imposed a curfew in Algiers", "resigned as the opposition
            # threatened to storm his residence in Tbilisi": an act with no
            # one else named, in the actor's own state, is domestic.
            targets = index.home_in_clause(verb, subj_tok, sources[0])
        dissent = pattern.code[:2] in ("10", "14") or pattern.code[:3] in DISSENT_CODES
        if not targets and sources and not passive and (dissent or pattern.code[:3] in YIELD_TO_STATE_CODES):
            source = sources[0]
            where = index.location(_clause_tokens(verb) | ({t.i for t in subj_tok.subtree} if subj_tok is not None else set()))
            at_home = where is None or where.country == source.country  # Kenyans protesting in Durban: at whom is unknown
            people = source.sector not in STATE_SECTORS or source.kind == "adjective"
            if source.country and at_home and people and (dissent or source.sector in ARMED_NONSTATE_SECTORS):
                # people protesting or demanding with no one named, and
                # rebels laying down arms, address their own government;
                # unnamed: an empty span, so the target's text does not pretend a name
                targets = [_implied(source, "GOV")]
                implicit = "no one named: aimed at the actor's own government"
                if source.sector is None:  # "Algerians": people named by nationality are civilians
                    sources = [dataclasses.replace(source, sector="CVL")]
        if not targets and sources and not passive and pattern.code[:4] in DOMESTIC_ORDER_CODES and len({m.country for m in sources}) == 1 and sources[0].country and sources[0].sector in STATE_SECTORS and sources[0].kind != "adjective":
            # "said it is prepared to impose martial law": a curfew or a
            # state of emergency with no place named is the state's own
            # people's
            targets = [_implied(sources[0], "CVL")]
            implicit = "curfew or emergency with no place named: the state's own people"
        subject_role = index.role_at(subj_tok) if not sources and targets and subj_tok is not None else None
        # courts and police act at home on people or organs of their state
        # ("opened investigations against Chilean officials"), not on a
        # state named bare ("to investigate Ukrainian collusion")
        at_home = subject_role is not None and subject_role.sector in ("COP", "JUD") and all(m.sector for m in targets)
        if not sources and targets and subj_tok is not None and not passive and (pattern.code[:2] in INWARD_ROOTS or at_home) and len({m.country for m in targets}) == 1:
            # "Islamic fundamentalists demanded the resignation of the
            # Algerian president": people with no state named who demand,
            # protest or reject at a state's government are its own people;
            # and courts and police, whatever they do, act at home ("Judge
            # Rivera opened investigations against Chilean officials").
            found = index.role_state(_reporter(subj_tok, verb), verb, home=targets[0].country, subject=True)
            sources = [found] if found is not None else []
        return sources, targets, implicit

    def _refined_pattern(self, verb, pattern: Pattern, subj_tok, passive: bool) -> Pattern:
        """A finer code than the verb's own row once the clause is read:
        a rejected proposal takes the act's refusal code, peacekeepers
        arriving provide peacekeeping."""
        if pattern.code[:2] == "12" and not passive:
            # "rejected a proposal to hold talks": the rejection of a proposed
            # act takes the act's refusal code (125 for talks)
            for obj in _direct_objects(verb):
                act = next((c for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
                act_pattern = self._match(self.lexicon.verbs, act, _object_lemmas(act)) if act is not None else None
                refusal = REFUSAL_CODES.get(act_pattern.code[:2]) if act_pattern is not None else None
                if refusal and refusal != pattern.code:
                    pattern = _coder_pattern(refusal, verb, f"rejected '{obj.text}' to '{act.text}'")
                    break
        if pattern.code == "163" and any(c.lemma_.lower() in RELIEF_WORDS for o in _direct_objects(verb) for c in o.children if c.dep_ in ("compound", "amod")):
            # "suspended aid deliveries", "reduced food supplies to the camp":
            # relief held back is aid reduced (1623), not a trade embargo
            pattern = _coder_pattern("1623", verb, "relief supplies reduced")
        if pattern.code[:3] in ("042", "043") and subj_tok is not None and not passive and any(t.lemma_.lower() in PEACEKEEPING_WORDS for t in subj_tok.subtree):
            # "NATO peacekeeping troops arrived in Bosnia" is no visit: it
            # provides peacekeeping (074)
            pattern = _coder_pattern("074", verb, "peacekeepers arriving")
        if pattern.code.startswith("087") and any(t.lemma_.lower() in PEACEKEEPING_WORDS for o in _direct_objects(verb) for t in o.subtree):
            # "will withdraw its peacekeeping force from Chad" is no retreat
            # from a fight: it withdraws peacekeepers (1661)
            pattern = _coder_pattern("1661", verb, "peacekeepers withdrawn")
        return pattern

    def _obligation_candidate(self, verb, index: "_MentionIndex", info: "_SentenceInfo") -> Candidate | None:
        """'Britain said Libya must hand over the suspects', 'Washington
        declared that China must drop its barriers': a statement that
        another actor must act is a demand (CAMEO 10) on that actor; the act
        demanded, when the lexicon knows it, gives the sub-code
        (``_carried_act``)."""
        lemma = verb.lemma_.lower()
        if lemma in OBLIGATION_REPORTERS:
            clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and (_has_aux(c, OBLIGATION_MODALS) or _subjunctive(c))), None)
        elif lemma in ("issue", "send", "deliver", "give"):
            # "issued a stern reminder to Iraq that it must cooperate": the
            # message's own clause
            clause = next((c for o in _direct_objects(verb) if o.lemma_.lower() in MESSAGE_NOUNS for c in o.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and _has_aux(c, OBLIGATION_MODALS)), None)
        else:
            return None
        subj = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None) if clause is not None else None
        code, why = "100", "a statement that another actor must act"
        if subj is None and clause is not None and clause.lemma_.lower() in PUNITIVE_VERBS:
            # "Vietnam must be taught a lesson", "Iraq must be punished": a
            # state that must suffer an act is threatened with it (CAMEO 130)
            subj = next((c for c in clause.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
            code, why = "130", "a statement that another actor must be punished"
        speaker = _subject(verb)
        if subj is None or speaker is None:
            return None
        sources, coref, deep = index.actors_for(speaker, info)
        if not sources:  # "rebels in Chad announced ..."
            located = index.role_state(speaker, verb, subject=True)
            sources = [located] if located is not None else []
        # another actor: another state, or another sector of the same one
        # ("the rebels announced that the president must resign")
        targets = [m for m in index.actors_for(subj, info, include_subtree=False)[0] if not _same_actor(m, sources) and not any(_one_actor(m, s_) for s_ in sources)]
        if not sources or not targets:
            return None
        pattern = _coder_pattern(code, verb, why)
        cand = Candidate(pattern=pattern, trigger=verb, sources=sources, targets=targets, coref=coref, deep=deep)
        cand.notes.append(f"{'threat' if code == '130' else 'demand'} '{verb.text} ... {clause.text}'")
        return self._finish(cand, info)

    def _accusation_candidate(self, verb, index: "_MentionIndex", info: "_SentenceInfo") -> Candidate | None:
        """'The State Department said the evidence indicated that Iraq had
        used chemical weapons': a state saying that another committed an
        act of force or coercion accuses it (CAMEO 112).  The act itself is
        coded on its own as well."""
        if verb.lemma_.lower() not in ACCUSING_REPORTERS:
            return None
        clause, depth = verb, 0
        act = None
        while depth < 2:
            clause = next((c for c in clause.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
            if clause is None:
                return None
            pattern = self._match(self.lexicon.verbs, clause, _object_lemmas(clause))
            if pattern is not None and pattern.code[:2] in ("17", "18", "19", "20"):
                act = clause
                break
            if clause.lemma_.lower() not in EVIDENCE_VERBS:
                return None
            depth += 1
        if act is None or act.i < verb.i:
            return None  # "X did Y, Thai police said" attributes a report, it accuses no one
        if any(c.dep_ == "neg" for c in act.children) or _has_aux(act, ("could", "might", "may", "would", "will")) or any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in act.children):
            return None  # "said Iran did not attack", "said Iran might attack": no accusation
        speaker = _subject(verb)
        doer = _subject(act)
        if speaker is None or doer is None or any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in act.children):
            return None
        sources, coref, deep = index.actors_for(speaker, info)
        targets = [m for m in index.actors_for(doer, info)[0] if all(m.country != s_.country for s_ in sources)]
        if not sources or not targets:
            return None
        cand = Candidate(pattern=_coder_pattern("112", verb, "a state saying another used force"), trigger=verb, sources=sources, targets=targets, coref=coref, deep=deep)
        cand.notes.append(f"accusation '{verb.text} ... {act.text}'")
        return self._finish(cand, info)

    def _commitment_candidate(self, verb, index: "_MentionIndex", info: "_SentenceInfo") -> Candidate | None:
        """'Pyongyang committed to work toward denuclearization', 'Iran
        agreed to cooperate': a promise or agreement to do something the
        lexicon does not name is still an intent (CAMEO 030; a threat, 130),
        towards the actor named with it or, failing that, the other side of
        the latest event told."""
        code = COMMITMENT_VERBS.get(verb.lemma_.lower())
        if code is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        act = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX") and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)), None)
        if act is None and code == "030" and verb.lemma_.lower() in ("agree", "promise", "pledge", "vow", "undertake", "guarantee"):
            # "agreed that their countries should cooperate", "promised
            # that Iran would open its sites": the act is a clause of its own
            # (not a negated clause: "vowed that the strikes would not go unpunished" threatens)
            act = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and _has_aux(c, ("should", "would", "will", "shall")) and not any(g.dep_ == "neg" for g in c.children)), None)
            known = self._match(self.lexicon.verbs, act, _object_lemmas(act)) if act is not None else None
            if known is not None:
                code = self._intent_codes(known.code)[1] or code
        elif act is None or self._match(self.lexicon.verbs, act, _object_lemmas(act)) is not None:
            return None
        if act is None:
            return None
        if code == "030" and verb.lemma_.lower() != "agree" and any(c.dep_ == "neg" for c in act.children):
            code = "120"  # "vowed not to return the Golan Heights": a refusal, not a promise
        subj = _subject(verb)
        if subj is None:
            return None
        sources, coref, deep = index.actors_for(subj, info)
        if not sources:
            return None
        targets = [m for o in _direct_objects(act) for m in index.actors_for(o, info, include_subtree=False)[0]]
        targets = targets or index.prep_actors([verb, act] + _direct_objects(act), ("with", "to", "toward", "towards", "on", "against"), exclude=sources)
        targets = [m for m in targets if not _same_actor(m, sources) and all(m.country != s_.country for s_ in sources)]
        if not targets and len(sources) == 1:
            # "threatened to resume attacks in Israel", "promised to
            # democratize Serbia": where the act is to happen
            where = index.location(_clause_tokens(act))
            if where is not None and where.country != sources[0].country:
                targets = [where]
            elif sources[0].country:
                targets = index.home_in_clause(act, subj, sources[0])
        if not targets and len(sources) == 1:
            targets = _reaction_target(verb, sources, info, commitment=True)
            coref = coref or bool(targets)
        pattern = _coder_pattern(code, verb, "a commitment to an act the lexicon does not name")
        cand = Candidate(pattern=pattern, trigger=verb, sources=sources, targets=targets, coref=coref, deep=deep)
        cand.mutual = verb.lemma_.lower() == "agree" and len(sources) >= 2 and not targets  # "A and B agreed that ..."
        cand.notes.append(f"refusal '{verb.text} not to {act.text}'" if code == "120" else f"commitment '{verb.text} to {act.text}'")
        return self._finish(cand, info)

    def _carried_act(self, gov, cand: Candidate, index: "_MentionIndex", info: "_SentenceInfo", consumed: set[int]):
        """'urged Germany to deliver missiles', 'promised to invest in
        Pakistan': when an appeal (02) or intent (03) verb governs an act,
        the governor's event takes the act's specific appeal/intent code
        (``intent.tsv``) and the act is not coded again on its own."""
        gov_root = cand.code[:2]
        if gov_root not in ("02", "03", "10", "13"):
            return None
        # a threat carries its act as an intent does: "threatened to impose a curfew" is 1323
        kind = "intent" if gov_root in ("03", "13") else "request"
        for child in gov.children:
            if child.dep_ not in ("xcomp", "ccomp", "advcl") or child.pos_ not in ("VERB", "AUX"):
                continue
            if gov_root == "13" and child.dep_ != "xcomp":
                continue  # "threatened to strike" carries its act; "warned that ..." reports
            if child.dep_ == "advcl" and any(c.dep_ in SUBJECT_DEPS for c in child.children):
                continue  # "called for restraint, while Oman condemned ...": another actor's act
            pattern = self._match(self.lexicon.verbs, child, _object_lemmas(child))
            if pattern is None:  # "asked Moscow to enter into talks"
                pattern = next((p for o in _object_tokens(child) if (p := self._noun_match(o, set())) is not None), None)
            if pattern is None or pattern.code[:2] in ("02", "03"):
                continue
            appeal, intent = self._intent_codes(pattern.code)
            if gov_root == "10" and appeal.startswith("02"):
                new_code = "10" + appeal[2:]  # demands mirror appeals: 0256 ↔ 1056
                new_code = new_code if self.codebook.is_code(new_code) else "100"
            else:
                new_code = appeal if kind == "request" else intent
            if new_code:
                cand.code = new_code
                cand.notes.append(f"{kind} '{gov.text}' over '{child.text}'")
            own = {m.country for m in cand.sources}
            inward = bool(cand.targets) and all(m.country in own for m in cand.targets)
            if not cand.targets or inward or cand.targets == cand.sources or (gov_root == "10" and child.dep_ == "ccomp"):
                found = []
                if child.dep_ == "ccomp":  # "demanded that Moscow release ...": the addressee
                    subj = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
                    found = index.actors_for(subj, info)[0] if subj is not None else []
                if not found and child.lemma_.lower() in HELP_VERBS:  # "to help Colombia carry out ..."
                    helped = [g for c in child.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ in SUBJECT_DEPS]
                    found = [m for g in helped for m in index.actors_for(g, info)[0]]
                found = found or [m for o in _direct_objects(child) for m in index.actors_for(o, info, include_subtree=not pattern.objects)[0]]
                found = found or index.prep_actors([child] + _direct_objects(child), pattern.preps, exclude=cand.sources)
                found = [m for m in found if not _same_actor(m, cand.sources)]
                if inward and gov_root == "02":
                    # "Obama asked Congress for $450 million to help
                    # Colombia": a government asking its own legislature
                    # or people to act abroad states its intent to act.
                    foreign = [m for m in found if m.country not in own]
                    if foreign and intent:
                        cand.code = intent
                        cand.notes.append(f"asked its own '{cand.targets[0].text}': intent")
                        cand.targets = foreign
                else:
                    cand.targets = found or cand.targets
            for noun in _object_tokens(child):
                consumed.add(noun.i)
            return child
        return None

    def _noun_candidate(self, noun, index: "_MentionIndex", info: "_SentenceInfo") -> Candidate | None:
        # An event noun under a verb that is not a light verb has its meaning
        # set by that verb ("suspended talks", "rejected the deal").
        if noun.dep_ in ("dobj", "nsubjpass", "obj") and noun.head.pos_ in ("VERB", "AUX") and noun.head.lemma_.lower() not in LIGHT_VERBS:
            return None
        pattern = self._noun_match(noun, set())
        if pattern is None:
            return None
        sources: list[Mention] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                found, _, _ = index.actors_for(child, info)
                sources.extend(found)
        by = [c for c in noun.children if c.dep_ == "prep" and c.lemma_.lower() == "by"]
        for prep in by:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                found, _, _ = index.actors_for(pobj, info)
                sources.extend(found)
        between = index.prep_actors([noun], ("between", "among"), exclude=[])
        if len(between) >= 2 and not sources:
            sources, targets = between[:1], between[1:2]
            cand = Candidate(pattern=pattern, trigger=noun, sources=sources, targets=targets, nominal=True)
            cand.mutual = True
            return self._finish(cand, info)
        if not sources and noun.dep_ == "pobj" and noun.head.lower_ in FRAME_PREPS and noun.head.head.pos_ in ("VERB", "AUX"):
            # "Xi spoke during talks with Panetta", "on a visit to Kenya,
            # Modi said": the talks or visit are the clause subject's own.
            subj = _subject(noun.head.head)
            if subj is not None:
                sources = [m for m in index.actors_for(subj, info)[0]]
        targets = index.prep_actors([noun], tuple(p for p in pattern.preps if p != "by") + ("of",), exclude=sources)
        if not sources:
            return None
        cand = Candidate(pattern=pattern, trigger=noun, sources=sources, targets=targets, nominal=True)
        return self._finish(cand, info)

    # ---------------------------------------------------- modality, codes
    def _finish(self, cand: Candidate, info: "_SentenceInfo") -> Candidate | None:
        cand.code = cand.pattern.code
        cand.mutual = cand.mutual or cand.pattern.mutual
        self._apply_modality(cand)
        if not cand.sources:
            return None
        if not cand.targets and len(cand.sources) == 1 and cand.trigger.pos_ not in ("NOUN", "PROPN") and cand.code.startswith(REACTION_CODES + PEACEMAKING_CODES):
            cand.targets = _reaction_target(cand.trigger, cand.sources, info, dispute=cand.code.startswith(PEACEMAKING_CODES))
            cand.coref = cand.coref or bool(cand.targets)
        if not cand.targets:
            if len(cand.sources) >= 2 and (cand.mutual or cand.pattern.mutual or _reciprocal(cand)):
                cand.sources, cand.targets = cand.sources[:1], cand.sources[1:]
                cand.mutual = True
            elif cand.code.startswith("045") and cand.sources:
                # "a deal brokered by China": the mediator's target is every
                # other party named in the sentence.
                own = {m.country for m in cand.sources}
                parties = [m for m in info.mentions if m.country and m.country not in own and not _is_place(info.sentence.text, m)]
                if not parties:
                    return None
                cand.targets = list({m.country: m for m in parties}.values())
                cand.coref = True
            elif cand.mutual and cand.sources:
                # A joint act with one named side ("Shoigu visited Pakistan and
                # signed a defence agreement"): the other side is the nearest
                # other state named in the sentence.
                other = _nearest_other(cand.trigger, cand.sources, info)
                if other is None:
                    return None
                cand.targets = [other]
                cand.coref = True
            else:
                return None
        return cand

    def _apply_modality(self, cand: Candidate) -> None:
        """Asserted, negated, hypothetical, speculative, question, denied or
        future, from the trigger's own clause and the words governing it
        through complement links ("refused to sign", "denied attacking",
        "rejected claims that ...").  Adverbial and coordinated clauses do
        not pass their governor's modality down ("three days after the US
        vetoed ..." is asserted)."""
        tok = cand.trigger
        lex = self.lexicon.modality
        modality = "asserted"
        chain = _governor_chain(tok)
        governed_by_intent = None
        announced = False
        conditioned = False  # the act is the actor's own "will ... unless/if ..."
        framed = False  # "called X a farce during talks": the talks are not what was called for
        for depth, (node, open_path) in enumerate(chain):
            if depth > 0 and not open_path:
                break
            if depth > 0 and chain[depth - 1][0].dep_ == "prep" and chain[depth - 1][0].lower_ in FRAME_PREPS:
                framed = True
            if depth > 0 and chain[depth - 1][0].dep_ == "prep" and chain[depth - 1][0].lower_ == "for" and node.lemma_.lower() in CHARGE_VERBS and modality == "asserted":
                # "arrested for collaborating with Israel": the charge, not a fact
                modality = "speculative"
            for child in node.children:
                low = child.lower_
                if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and low in ("never", "no", "neither", "nor")):
                    # Negation wins over a modal met earlier ("would not sever").
                    modality = "negated" if modality in ("asserted", "speculative", "future") else modality
                if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                    modality = "hypothetical" if modality == "asserted" else modality
                if child.dep_ == "aux" and low in ("would", "could", "might", "may", "should", "can", "must"):
                    modality = "speculative" if modality == "asserted" else modality
                if child.dep_ == "aux" and low in ("will", "shall", "'ll", "wo") and modality == "asserted":
                    modality = "future"
                    announced = True  # a "will" of the actor, not a forecast ("is expected to")
                if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
                    # "If India attacks, Pakistan will retaliate": a condition on a
                    # future act (not on a threat made: "threatened war if punished")
                    if depth == 0 and (modality == "future" or _has_aux(node, ("will", "shall", "'ll", "wo", "would"))):
                        conditioned = True
                    if modality != "negated":  # "will not accept refugees if war starts" refuses now
                        modality = "hypothetical" if modality == "future" or _has_aux(node, ("will", "shall", "'ll", "wo")) else modality
                if child.dep_ == "advmod" and low in ("perhaps", "probably", "possibly", "maybe", "allegedly", "supposedly"):
                    modality = "speculative" if modality == "asserted" else modality
            if depth == 0:
                continue
            if node.pos_ == "NOUN" and node.lemma_.lower() in REPORT_NOUNS and chain[depth - 1][0].dep_ in ("acl", "relcl", "ccomp") and modality == "asserted":
                # "a proposal to hold talks", "reports that X attacked Y":
                # the act is proposed or reported, not stated as done.
                modality = "speculative"
            if depth == 1 and (modality in ("future", "speculative") or (modality == "hypothetical" and conditioned and _own_report(chain))) and chain[0][0].dep_ == "ccomp" and node.lemma_.lower() in REPORT_VERBS and _has_aux(chain[0][0], ("would", "will", "shall", "'ll", "wo")) and not _has_aux(chain[0][0], ("could", "might", "may")):
                # "Nigeria announced that it will withdraw its force unless
                # ...": an actor's own conditional announcement is a threat
                # (or, for a cooperative act, a promise) made now
                governed_by_intent = ("intent", node)
                if modality == "hypothetical":
                    cand.notes.append(f"conditional '{tok.text}' announced: a threat or promise")
                modality = "asserted"
                continue
            kind = lex.get(node.lemma_.lower())
            if node.lemma_.lower() in REFUSAL_VERBS and cand.code[:2] in REFUSAL_CODES and governed_by_intent is None and modality == "asserted":
                governed_by_intent = ("refusal", node)
                continue
            # a future tense below a doubt is doubted ("diplomats suspect
            # that Baghdad will use the weapons")
            if kind == "negation" and modality in ("asserted", "future"):
                modality = "negated"
            elif kind == "denial" and modality in ("asserted", "future"):
                modality = "denied"
            elif kind in ("speculative", "hypothetical") and modality in ("asserted", "future"):
                modality = "speculative"
            elif kind == "future" and modality == "asserted":
                modality = "future"
            elif kind in ("desire", "request", "intent") and governed_by_intent is None and not framed:
                governed_by_intent = (kind, node)
        if cand.code.startswith("186") and len(chain) > 1 and tok.dep_ == "xcomp" and chain[1][0].lemma_.lower() in ("try", "attempt", "seek"):
            cand.code = "185"  # "tried to assassinate": CAMEO's own attempt to assassinate
            cand.notes.append(f"attempt '{chain[1][0].text}' over '{tok.text}'")
        if modality == "asserted" and _subjunctive(tok):
            modality = "speculative"  # wanted, not done
        subject = _subject(tok) if tok.pos_ in ("VERB", "AUX") else None
        if subject is not None and modality == "asserted" and any(t.lower_ in ("neither", "no", "none") and t.dep_ in ("preconj", "det") for t in subject.subtree):
            modality = "negated"
        if tok.doc.text.rstrip().endswith(QUESTION_MARK):
            modality = "question" if modality in ("asserted", "future") else modality
        if modality == "negated" and governed_by_intent is None and cand.code[:2] in REFUSAL_CODES and _refuses(chain):
            # "Syria says it will not accept more refugees", "Russia will
            # not attend the summit": an actor's own "will not" is a refusal
            governed_by_intent = ("refusal", chain[1][0] if len(chain) > 1 else tok)
            modality = "asserted"
        # an appeal, intent, demand or threat keeps its code under a desire
        # or plan, but not under a refusal ("refused to commit troops")
        if governed_by_intent is not None and (cand.code[:2] not in ("02", "03", "10", "13") or (governed_by_intent[0] == "refusal" and cand.code[:2] in REFUSAL_CODES)):
            kind, gov = governed_by_intent
            appeal, intent = self._intent_codes(cand.code)
            new_code = appeal if kind in ("desire", "request") else intent
            if kind == "refusal":
                new_code = REFUSAL_CODES.get(cand.code[:2], "")
            if kind == "intent" and gov.lemma_.lower() == "prepare" and gov.pos_ == "VERB" and cand.code[:2] in ("18", "19", "20"):
                # "the army prepared to resume shelling": getting forces ready
                # is a show of force (150), not a threat made in words
                new_code = "150"
            if kind == "intent" and ((gov.lemma_.lower() in DECISION_VERBS and cand.code[:3] in DECIDED_CODES) or (gov.lemma_.lower() == "decide" and cand.code[:2] == "08")) and not conditioned:
                # "announced it would prohibit all aid to the rebels": a cut in
                # relations announced is made by the announcement
                new_code, kind = cand.code, "decision"
                modality = "asserted"
            if new_code:
                cand.code = new_code
                cand.notes.append(f"{kind} '{gov.text}' over '{tok.text}'")
                cand.mutual = False
                # The desire or plan is itself asserted ("plans to visit").
                if modality == "future":
                    modality = "asserted"
        elif modality == "future" and announced and cand.code[:2] in FUTURE_INTENT_ROOTS:
            # "The United Nations will provide food aid to Liberia": an act
            # announced for the future is, as of the report, an intent
            # (CAMEO 03) or, for a conflictual act, a threat (13).
            intent = self._intent_codes(cand.code)[1]
            if intent:
                cand.code = intent
                cand.notes.append(f"future '{tok.text}': intent")
                cand.mutual = False
                modality = "asserted"
        cand.modality = modality

    def _within_lifetime(self, when: DateRange | None, mentions: list[Mention], text: str) -> DateRange | None:
        """An event of the Soviet Union cannot be later than 1991: cut a
        date that runs past a former state's end, drop one that starts
        after it (``data/historical_states.tsv``)."""
        if when is None:
            return None
        last = None
        for m in mentions:
            if m.kind != "historical":
                continue
            year = historical_last_year(m.text)
            if year is not None:
                last = year if last is None else min(last, year)
        if last is None or when.end.year <= last:
            return when
        if when.start.year > last:
            return None
        return DateRange(when.start, date(last, 12, 31), "range", when.text)

    def _intent_codes(self, code: str) -> tuple[str, str]:
        """(appeal, intent) codes for an act, by its longest listed prefix
        in intent.tsv (a row for 163 beats the row for root 16)."""
        for n in (4, 3, 2):
            if code[:n] in self.lexicon.intent:
                return self.lexicon.intent[code[:n]]
        return "", ""

    # -------------------------------------------------------------- events
    def _events(self, cand: Candidate, info: "_SentenceInfo", doc_id: str, published: date | None) -> Iterable[Event]:
        entry = self.codebook.get(cand.code)
        when = _event_time(cand.trigger, info, published)
        when = self._within_lifetime(when, cand.sources + cand.targets, info.sentence.text)
        sent = info.sentence
        pairs: list[tuple[Mention, Mention]] = []
        for s in cand.sources:
            for t in cand.targets:
                if _one_actor(s, t):
                    continue
                pairs.append((s, t))
        for s, t in pairs:
            confidence = BASE_CONFIDENCE
            if cand.coref or s.kind == "ref" or t.kind == "ref":
                confidence -= PENALTY_COREF
            if cand.nominal:
                confidence -= PENALTY_NOMINAL
            if when is None:
                confidence -= PENALTY_NO_DATE
            if cand.deep:
                confidence -= PENALTY_DEEP_ACTOR
            if s.kind == "implicit" or t.kind == "implicit":
                confidence -= PENALTY_IMPLIED
            source, target = s.actor(), t.actor()
            key = f"{doc_id}|{sent.start}|{cand.trigger.i}|{cand.code}|{source.code}|{target.code}"
            event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
            yield Event(
                event_id=event_id, doc_id=doc_id, source=_public_actor(source, s), target=_public_actor(target, t),
                cameo=entry.code, root=entry.code[:2], quad_class=entry.quad_class, goldstein=entry.goldstein,
                plover_type=entry.plover_type, plover_mode=entry.plover_mode, mutual=cand.mutual,
                modality=cand.modality, date=when, sentence=sent.text, start=sent.start, end=sent.end,
                confidence=round(max(0.05, min(1.0, confidence)), 2), coder=self.version,
                extra={"trigger": cand.trigger.text, "pattern": cand.pattern.where, "notes": cand.notes} if cand.notes else {"trigger": cand.trigger.text, "pattern": cand.pattern.where},
            )


# ---------------------------------------------------------------- helpers
@dataclass
class _SentenceInfo:
    sentence: Sentence
    times: list[TimeMention]
    narrative: DateRange | None
    mentions: list[Mention]
    recent: list[Mention]
    pairs: list[tuple[Mention, Mention]] = field(default_factory=list)  # "A and B" in the paragraph so far
    history: list[Candidate] = field(default_factory=list)
    leads: list[Mention] = field(default_factory=list)  # the first person named in each earlier sentence of the paragraph
    places: list[Mention] = field(default_factory=list)  # cities and regions: where, never who
    prior: DateRange | None = None  # the running time before this sentence


_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december weekend day week month year morning evening night".split()
)


def _coder_pattern(code: str, verb, why: str) -> Pattern:
    """A pattern the coder itself supplies (not a lexicon row), so its
    events carry the same fields and an explanation of where they came from."""
    return Pattern(code=code, pos="V", lemma=verb.lemma_.lower(), particle="", objects=frozenset(), preps=DEFAULT_PREPS,
                   mutual=False, reverse=False, where=f"coder: {why}")


def _time_prep(prep) -> bool:
    """A preposition of time ("on Wednesday"), or one left without an object
    by the parser ("On Wednesday Beijing called ...": Wednesday misread)."""
    if prep.dep_ != "prep":
        return False
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if not objects:
        # "out of the country": a compound preposition is no orphan
        return not any(g.dep_ in ("prep", "pcomp") for g in prep.children)
    return any(g.lower_ in _TIME_WORDS or g.like_num for g in objects)


def _reciprocal(cand: Candidate) -> bool:
    """'accused each other', 'Iran and Iraq fought', 'the two countries
    cut ties': an act of several sources on one another."""
    trigger = cand.trigger
    for tok in trigger.subtree:
        before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if (before, tok.lower_) in (("each", "other"), ("one", "another")):
            return True
    if cand.nominal or not cand.code.startswith(RECIPROCAL_ROOTS) or len({m.country for m in cand.sources}) != 2:
        return False
    return all(o.lemma_.lower() in RELATION_NOUNS for o in _direct_objects(trigger))


def _nearest_other(trigger, sources: list[Mention], info: _SentenceInfo) -> Mention | None:
    own = {m.country for m in sources}
    pos = trigger.idx
    # First a state named in the trigger's own clause (where an exercise was
    # held counts: "took part in an exercise in Pakistan"), then any state
    # of the sentence that is not merely a place.
    clause = _clause_tokens(trigger)
    sdoc = trigger.doc
    in_clause = []
    for m in info.mentions:
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if m.country and m.country not in own and span is not None and any(t.i in clause for t in span):
            in_clause.append(m)
    # Beyond the clause, only the clauses above it and those coordinated
    # with them ("Shoigu visited Pakistan and signed ...", "the exercise
    # hosted by Pakistan in which Russia took part"), not clauses nested in
    # another ("the cabinet met and decided to approve a plan that will not
    # allow Hamas ...").
    heads = [trigger, *trigger.ancestors]
    tops = {_conj_root(h).i for h in heads}
    coordinated = set()
    for verb in (t for t in sdoc if t.i in tops or (t.dep_ == "conj" and _conj_root(t).i in tops)):
        coordinated |= _clause_tokens(verb)
    near = []
    for m in info.mentions:
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if m.country and m.country not in own and not _is_place(info.sentence.text, m) and span is not None and any(t.i in coordinated for t in span):
            near.append(m)
    options = in_clause or near
    return min(options, key=lambda m: abs(m.start - pos)) if options else None


def _conj_root(tok):
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _reaction_target(verb, sources: list[Mention], info: _SentenceInfo, dispute: bool = False, commitment: bool = False) -> list[Mention]:
    """'Russia condemned the bombing', 'Qatar rejected the accusations':
    a reaction whose object is an act (a noun or 'it', not an actor) is
    aimed at whoever did that act: the source of the latest asserted event
    in the document by another actor."""
    objects = _direct_objects(verb)
    if objects and not all(o.pos_ in ("NOUN", "PRON") for o in objects):
        return []
    if not objects and verb.lemma_.lower() not in INTRANSITIVE_REACTIONS and not any(
        c.dep_ == "ccomp" or (commitment and c.dep_ in ("xcomp", "advcl"))
        or (c.dep_ == "prep" and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children)) for c in verb.children
    ):
        return []
    own = {m.country for m in sources}
    recent = [c for c in reversed(info.history[-12:]) if any(m.country and m.country not in own for m in c.sources)]
    if dispute:
        # An appeal for calm or an offer to mediate is aimed at a side of
        # the dispute (a conflictual act), not at a fellow peacemaker.
        recent = [c for c in recent if int(c.code[:2]) >= 10]
        if not recent:
            return []
    # Prefer the event the object names ("the sinking" ← "sank", "the invasion" ← "invaded"),
    # and for "the use of force", "the violence" any act of force.
    stems = {o.lemma_.lower()[:4] for o in objects if o.pos_ == "NOUN"}
    named = [c for c in recent if c.trigger.lemma_.lower()[:4] in stems]
    if any(t.lemma_.lower() in VIOLENCE_NOUNS for o in objects for t in o.subtree):
        named += [c for c in recent if c.code[:2] in ("18", "19", "20") and c not in named]
    for cand in named + recent:
        for m in cand.sources:
            if m.country and m.country not in own:
                return [m]
    # No earlier event by another actor: the state the text has been about
    # (most mentioned so far in the paragraph, the latest on a tie).
    counts: dict[str, int] = {}
    last: dict[str, Mention] = {}
    text = info.sentence.text
    # not whom the object is against ("supported the campaign against
    # al-Qaeda", "condemned the attack against Israel"): they did not do it
    against = {t.idx for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "against" for t in p.subtree}
    here = [m for m in info.mentions if m.country and not _is_place(text, m) and m.start not in against]
    for m in info.recent + here:
        if m.country and m.country not in own:
            counts[m.country] = counts.get(m.country, 0) + 1
            last[m.country] = m
    if counts:
        best = max(counts, key=lambda c: (counts[c], last[c] in here, last[c].start))
        return [last[best]]
    return []


_REF_RE = re.compile(r"\b(?:" + "|".join(re.escape(r) for r in sorted(PLURAL_REFS | set(SINGULAR_REFS), key=len, reverse=True)) + r")\b")


DATED_TYPES = ("DATE", "TIME")


def _first_date(times: list[TimeMention]) -> date | None:
    for t in times:
        if t.value is not None and t.timex_type in DATED_TYPES:
            return t.value.start
    return None


def _public_actor(actor: Actor, mention: Mention) -> Actor:
    return Actor(code=actor.code, country=actor.country, sector=actor.sector, text=mention.text)


def _one_actor(a: Mention, b: Mention) -> bool:
    """Two mentions that code as one actor: the same state and sector.  A
    state named bare stands for its government, so "protesters
    demonstrated against Sweden's decision" is a domestic event (SWECVL →
    SWE) and "Sweden's government ... Sweden" is one actor."""
    return a.country == b.country and (a.sector or "GOV") == (b.sector or "GOV")


def _same_actor(m: Mention, others: list[Mention]) -> bool:
    return any(o.country == m.country and o.start == m.start for o in others)


def _subject(verb):
    """The subject of a verb, inherited through coordination, control and
    relative clauses when the verb has none of its own."""
    cur = verb
    for _ in range(6):
        for child in cur.children:
            if child.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
                if child.lower_ in ("that", "which", "who") and cur.dep_ == "relcl":
                    return cur.head
                return child
        if cur.dep_ == "acl" and cur.head.lemma_.lower() in DOCUMENT_NOUNS and cur.head.dep_ in ("dobj", "obj") and cur.head.head.pos_ in ("VERB", "AUX"):
            # "the Council adopted a resolution demanding a ceasefire": the
            # document speaks for whoever adopted or issued it.
            return _subject(cur.head.head)
        if cur.dep_ in ("relcl", "acl") and cur.head.lemma_.lower() in GATHERING_NOUNS and _has_aux(cur, ("to",)):
            # "converged for a rally in Lagos to protest ...": the rally's
            # purpose is its holders', the subject of the verb above it
            holder = cur.head.head.head if cur.head.head.dep_ == "prep" else cur.head.head
            if holder.pos_ in ("VERB", "AUX") and holder.i != cur.head.i:
                cur = holder
                continue
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return cur.head
        if cur.dep_ == "pcomp" and cur.head.lower_ in ("for", "of", "from", "against") and cur.head.head.pos_ in ("VERB", "AUX"):
            # "thanked Pakistan for supporting", "accused Beijing of
            # supplying": the object does it
            obj = next((c for c in cur.head.head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj
        if cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.head.lemma_ == "be" and any(c.dep_ == "attr" for c in cur.head.children):
            # "X was the first leader to visit India after gunmen attacked
            # ..., killing 160 people": a participle the parser hung on a
            # copula is not the copula subject's act
            return None
        if cur.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp", "acomp") or (cur.dep_ == "acl" and cur.head.pos_ in ("VERB", "AUX")):
            if cur.dep_ == "xcomp":
                # "urged Russia to sell": the controller is the object.
                obj = next((c for c in cur.head.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj
            cur = cur.head
            continue
        if cur.dep_ in ("pcomp", "prep") or cur.head.dep_ == "prep":
            cur = cur.head  # "resorted to throwing stones": through the preposition
            continue
        return None
    return None


def _object_tokens(tok) -> list:
    out = []
    for child in tok.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS:
            out.append(child)
            out.extend(c for c in child.children if c.dep_ == "conj")
        elif child.dep_ in ("prep", "agent") and child.lower_ not in FRAME_PREPS:
            # not a date: "held talks since March" holds no march
            out.extend(c for c in child.children if c.dep_ == "pobj" and not (c.lower_ in _TIME_WORDS and c.text[:1].isupper()))
    return out


# Links through which a governing word's modality reaches a clause below it.
_COMPLEMENT_LINKS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "nsubj", "nsubjpass", "compound", "amod", "appos", "acl", "csubj"}
_COMPLEMENT_LINKS |= {"attr", "oprd"}  # "it would be the first arms sale"
_COMPLEMENT_LINKS |= {"acomp"}  # "must be ready to mediate", "is not willing to sign"
_CHAIN_LINKS = _COMPLEMENT_LINKS | {"conj", "advcl", "relcl"}


def _governor_chain(tok) -> list[tuple[object, bool]]:
    """The trigger and the words above it, each with whether the path to it
    runs through complement links only (so its modality applies)."""
    chain = [(tok, True)]
    cur, open_path = tok, True
    while cur.dep_ in _CHAIN_LINKS and cur.head is not cur and len(chain) < 8:
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN") and cur.head.lemma_.lower() not in REPORT_NOUNS:
            break
        if cur.dep_ == "conj" and cur.head.dep_ in ("xcomp", "ccomp") and cur.head.head is not cur.head:
            # "aims to tighten sanctions and impose a blockade": a verb
            # coordinated with a complement shares its governor, not the
            # sibling's own negation or modals
            cur = cur.head.head
            chain.append((cur, open_path))
            continue
        # an infinitive of purpose ("met to sign a deal") is as asserted as
        # the verb it serves, and inherits what governs that verb
        purpose = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children) and not any(c.dep_ in SUBJECT_DEPS for c in cur.children)
        open_path = open_path and (cur.dep_ in _COMPLEMENT_LINKS or purpose)
        cur = cur.head
        chain.append((cur, open_path))
    return chain


def _subjunctive(tok) -> bool:
    """'(demanded) that Israel ease restrictions': a clause with its own
    subject and a bare verb, no auxiliary, after "that" states what is
    wanted, not what happened."""
    return (
        tok.dep_ == "ccomp" and tok.tag_ == "VB"
        and any(c.dep_ in SUBJECT_DEPS for c in tok.children)
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    )


def _refuses(chain) -> bool:
    """Is the trigger a plain "will not" / "would not", said by the actor
    or stated outright (not "would not have", not under another verb)?"""
    tok = chain[0][0]
    if not (_has_aux(tok, ("will", "would", "shall", "wo", "'ll")) and any(c.dep_ == "neg" for c in tok.children)) or _has_aux(tok, ("have",)):
        return False
    if len(chain) == 1:
        return True
    # said by the actor itself: "Syria says it will not ..."
    subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    own = subj is not None and subj.lower_ in ("it", "they", "we", "he", "she")
    return own and tok.dep_ == "ccomp" and chain[1][0].lemma_.lower() in REPORT_VERBS and not any(c.dep_ == "neg" for c in chain[1][0].children)


def _reporter(subj, verb):
    """A pronoun subject of a reported clause stands for the reporter
    ("the Umma party said it will boycott ..."); any other subject for
    itself."""
    if subj is not None and subj.lower_ in ("it", "they", "we") and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORT_VERBS:
        return _subject(verb.head) or subj
    return subj


def _implied(m: Mention, sector: str) -> Mention:
    """A side the text does not name, of the state of ``m``: an empty span
    at ``m``, so its text does not pretend a name."""
    return Mention(m.start, m.start, "", m.country, sector, "implicit")


def _is_attack(tok) -> bool:
    """Does ``tok`` name an attack ("bombing", "a roadside explosion")?"""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if lemma in ATTACK_NOUNS:
        return True
    return lemma in ATTACK_HEADS and any(c.lemma_.lower() in ATTACK_MODIFIERS or c.lemma_.lower() in ATTACK_NOUNS for c in tok.children)


def _purpose_of(tok) -> int | None:
    """The token index of the act that a purpose or accompanying clause
    serves ("staged demonstrations to demand ..." -> demonstrations)."""
    if tok.dep_ == "advcl" and any(c.dep_ in ("mark",) or c.dep_ in SUBJECT_DEPS for c in tok.children):
        return None  # "... after the United States vetoed ...": another act
    if tok.dep_ in ("advcl", "xcomp", "acl", "relcl") and tok.head.i != tok.i:
        return tok.head.i
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "joined them in demanding ..."
        return tok.head.head.i
    return None


def _own_report(chain) -> bool:
    """Is the trigger's clause the actor's own report: a pronoun subject
    under a reporting verb ("Syria said it will ...")?"""
    tok = chain[0][0]
    subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    return subj is not None and subj.lower_ in ("it", "they", "we", "he", "she") and len(chain) > 1 and chain[1][0].lemma_.lower() in REPORT_VERBS


def _condition_subject(verb):
    """The subject of an "unless"/"if" clause on the act ("will boycott
    the elections unless the president steps down"): whom a threat or
    conditional promise is aimed at."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("unless", "if") for g in c.children):
            return next((g for g in c.children if g.dep_ in SUBJECT_DEPS), None)
    return None


def _has_aux(tok, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in tok.children)


def _prep_complements(prep) -> list:
    """The objects of a preposition.  The small parser sometimes leaves a
    preposition bare and makes its noun the subject of a reduced relative
    clause after it ("granted asylum to [five officers] holed up in ..."):
    that noun is the object."""
    out = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if out or prep.i + 1 >= len(prep.doc):
        return out
    nxt = prep.doc[prep.i + 1]
    head = next((t for t in [nxt, *nxt.ancestors] if t.left_edge.i == nxt.i and t.dep_ in ("nsubj", "nsubjpass")), None)
    if head is not None and head.head.pos_ == "VERB" and head.head.i > head.i:
        return [head]
    return []


def _prep_objects(tok, preps: tuple[str, ...]) -> list:
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _with_conjs(tok) -> list:
    """A token and every token coordinated with it ("A, B and C")."""
    out, stack = [], [tok]
    while stack and len(out) < 12:
        t = stack.pop(0)
        out.append(t)
        # A list the parser read as an apposition: "Saudi Arabia, the United
        # Arab Emirates, Bahrain and Egypt" (the appositive has conjuncts).
        stack.extend(c for c in t.children if c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)))
    return out


def _direct_objects(tok) -> list:
    """Direct objects (and datives) of a verb, with their conjuncts."""
    out = []
    for child in tok.children:
        if child.dep_ in ("dobj", "obj", "dative", "oprd"):
            out.extend(_with_conjs(child))  # "artillery, mortar, and rocket fire"
        elif child.dep_ == "ccomp" and tok.lemma_.lower() in OBJECT_CONTROL_VERBS and not any(c.dep_ in ("dobj", "obj") for c in tok.children):
            # "allowed candidate Ouattara to run", parsed with the name as the
            # subject of "run": it is the object of "allow"
            out.extend(g for g in child.children if g.dep_ in SUBJECT_DEPS and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children))
        elif child.dep_ == "prt" and child.lower_ == "up":
            # "kidnapped up to 16 Russian advisers": the parser takes "up to"
            # for a particle and a preposition; the counted noun is the object
            out.extend(g for c in child.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children))
    return out


def _object_lemmas(tok) -> set[str]:
    lemmas = {o.lemma_.lower() for o in _object_tokens(tok)}
    # "allow refugees to return", parsed with the object as the subject of
    # "return": it is the verb's object
    lemmas |= {o.lemma_.lower() for o in _direct_objects(tok)}
    # "held Russia responsible": a predicative adjective completes the verb.
    lemmas |= {c.lemma_.lower() for c in tok.children if c.pos_ == "ADJ" and c.dep_ in ("acomp", "advcl", "oprd", "ccomp")}
    # "held Somalia responsible" is often parsed with the adjective on the
    # name; a name takes no ordinary adjective, so it completes the verb.
    lemmas |= {c.lemma_.lower() for o in _direct_objects(tok) if o.pos_ == "PROPN" for c in o.children if c.dep_ == "amod" and c.pos_ == "ADJ"}
    # "allow candidate Alassane Ouattara to run": the word before a name says what it is
    lemmas |= {c.lemma_.lower() for o in _direct_objects(tok) if o.pos_ == "PROPN" for c in o.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    # "warned Greece of war": the preposition hangs off the direct object.
    lemmas |= {g.lemma_.lower() for o in _direct_objects(tok) for g in _prep_objects(o, ("of", "with", "for"))}
    if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
        # "the deal, which India signed": the antecedent is the object.
        lemmas.add(tok.head.lemma_.lower())
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN"):
        # "a team of specialists sent to Iran", "weapons supplied by Iran":
        # the noun a participle qualifies is what was acted on
        lemmas.add(tok.head.lemma_.lower())
        lemmas |= {g.lemma_.lower() for g in _prep_objects(tok.head, ("of",))}
    # spaCy keeps a proper noun's plural as its lemma ("War Games" → "games")
    lemmas |= {o.lemma_.lower()[:-1] for o in _object_tokens(tok) if o.pos_ == "PROPN" and o.lemma_.lower().endswith("s") and len(o.lemma_) > 3}
    return lemmas


class _MentionIndex:
    """Actor mentions of one parsed sentence, addressable by token."""

    def __init__(self, sdoc, mentions: list[Mention], places: list[Mention] = ()) -> None:
        self.by_token: dict[int, Mention] = {}
        self.places: dict[int, Mention] = {}
        self.roles: dict[int, Mention] = {}  # role words with no state ("protesters", "gunmen")
        for m in mentions:
            if not m.country and m.sector:
                if sdoc.text[max(0, m.start - 5) : m.start].lower().endswith(("anti-", "pro-")):
                    continue  # "anti-government activists" are no government
                span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
                for t in span or ():
                    self.roles.setdefault(t.i, m)
        for m in places:
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            for t in span or ():
                self.places.setdefault(t.i, m)
        text = sdoc.text
        for m in mentions:
            if not m.country:  # a bare role ("officials") names no state
                continue
            if text[max(0, m.start - 5) : m.start].lower().endswith(("anti-", "pro-", "non-", "ex-")):
                # "anti-Soviet forces", "pro-Russian rebels" are not that
                # state; their role word still names people ("an anti-Syria
                # journalist")
                if m.sector:
                    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
                    for t in span or ():
                        self.roles.setdefault(t.i, dataclasses.replace(m, country=None, kind="role"))
                continue
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, m)
        self.sdoc = sdoc

    def actors_for(self, tok, info: _SentenceInfo, include_subtree: bool = True, subject: bool = False, hostile: bool = True) -> tuple[list[Mention], bool, bool]:
        """Actors a phrase headed by ``tok`` stands for: the mention at its
        head, its coordinated heads, its possessor/modifier, a reference
        word resolved to the paragraph, or (deep) the first mention in
        its subtree."""
        if tok is None:
            return [], False, False
        found: list[Mention] = []

        def add(m: Mention | None) -> None:
            if m is not None and all(f.country != m.country for f in found):
                found.append(m)

        for h in _with_conjs(tok):
            m = self.by_token.get(h.i)
            add(m)
            # "Russia's warship", "Indian and Chinese troops", "the Soviet-backed regime"
            for c in h.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in self.by_token:
                    for g in _with_conjs(c):
                        add(self.by_token.get(g.i))
                elif c.dep_ == "compound" and m is None:
                    # "Turkish Kurd refugees": a state on a compound of the head
                    for g in c.children:
                        if g.dep_ in ("amod", "compound") and g.i in self.by_token:
                            found_m = self.by_token[g.i]
                            if h.i in self.roles:  # the people the head names, of that state
                                found_m = dataclasses.replace(found_m, end=self.roles[h.i].end, text=self.sdoc.text[found_m.start : self.roles[h.i].end], sector=self.roles[h.i].sector)
                            add(found_m)
            if m is None and not found:
                # "troops from the Soviet Union, Poland and Hungary", "one of the countries"
                for c in h.children:
                    if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                        for pobj in (g for g in c.children if g.dep_ == "pobj"):
                            for g in _with_conjs(pobj):
                                m = self.by_token.get(g.i)
                                if m is not None and h.i in self.roles and self.roles[h.i].sector != m.sector and m.kind in ("person", "country", "capital", "historical") and not any(c.dep_ == "poss" for c in h.children):
                                    # "supporters of former President Ben Bella" are
                                    # his state's civilians, not its elite
                                    role = self.roles[h.i]
                                    m = dataclasses.replace(m, start=role.start, text=self.sdoc.text[role.start : m.end], sector=role.sector) if role.start < m.start else dataclasses.replace(m, sector=role.sector)
                                add(m)
                            if not found and h.i in self.roles and pobj.lower_ in ("sides", "countries", "governments", "nations", "parties"):
                                # "officials from both sides"
                                for m in _resolve_reference(pobj, info):
                                    add(m)
        if not found and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("attr", "nsubj"):
            # "Pakistan was one of the 80 countries that boycotted ...": the
            # relative clause's antecedent stands for the copula's subject.
            one = tok.head.head
            if one.dep_ == "attr":
                subj = next((c for c in one.head.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is not None and subj.i in self.by_token:
                    found.append(self.by_token[subj.i])
        if not found and tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.head.lemma_ == "be":
            # "Pakistan was among the 6 countries which participated ..."
            subj = next((c for c in tok.head.head.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None:
                for g in _with_conjs(subj):
                    if g.i in self.by_token:
                        found.append(self.by_token[g.i])
        if found:
            return found, False, False
        ref = _resolve_reference(tok, info)
        if ref:
            return ref, True, False
        if include_subtree:
            # A subject does not stand for a state named inside a clause of
            # its own ("a resolution demanding a ceasefire in Gaza"); an
            # object may ("the Olympics scheduled in Moscow").
            # Nor for one it belongs to ("workers affiliated with the
            # Serbian Workers' Union").
            inner = {t.i for c in tok.children if c.dep_ in ("acl", "relcl", "ccomp", "advcl", "xcomp") and c.lemma_.lower() not in AFFILIATION_VERBS for t in c.subtree} if subject else set()
            if not hostile:
                # "supported the campaign against al-Qaeda" supports no one against
                inner |= {t.i for p in tok.subtree if p.dep_ == "prep" and p.lower_ == "against" for t in p.subtree}
            for t in tok.subtree:
                if t.i in inner:
                    continue
                if t.i in self.by_token:
                    if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "near", "inside") and t.head.head.i == tok.i:
                        continue  # "troops in Mali" are not Mali's
                    if t.dep_ in ("amod", "compound", "poss") and t.head.lemma_.lower() in ("border", "frontier", "boundary"):
                        continue  # "a stronghold on the Thai border" is not Thailand's
                    return [self.by_token[t.i]], False, True
        return [], False, False

    def role_at(self, tok) -> Mention | None:
        """The stateless role word heading the phrase at ``tok``:
        "protesters", "thousands of students", "opposition groups"."""
        if tok is None:
            return None
        heads = [tok]
        if tok.like_num or tok.pos_ == "NUM" or tok.lemma_.lower() in QUANTITY_HEADS:
            heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        elif tok.lemma_.lower() in ("leader", "member", "head", "chief", "official", "representative", "spokesman", "spokeswoman"):
            # "leaders of the opposition coalition" are the opposition's
            inner = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            for g in inner:
                found = self.role_at(g)
                if found is not None and found.sector not in ("GOV", None):
                    return found
        for _ in range(2):  # "opposition candidate Kizza Besigye": compounds of compounds
            heads += [c for h in list(heads) for c in h.children if c.dep_ in ("compound", "amod") and c not in heads]
        return next((self.roles[h.i] for h in heads if h.i in self.roles), None)

    def role_state(self, tok, clause_of=None, home: str | None = None, subject: bool = False) -> Mention | None:
        """The state a stateless role phrase stands for: a place modifying
        it ("Darfur rebels"), a place it is in ("students in Jakarta"), a
        place named in its clause, else ``home`` (the state on the other
        side of a domestic act).  Soldiers are left alone: troops in a
        country are often foreign; and a bare "the government" as subject
        is a reference, not a crowd."""
        role = self.role_at(tok)
        # security and government forces are a state's own at home
        domestic_force = role is not None and role.sector == "MIL" and any(w in role.text.lower() for w in ("security", "government"))
        # settlers live where they are not from: a place gives them no state
        if role is None or (role.sector == "MIL" and not domestic_force) or role.sector in ("IGO", "SET") or (subject and role.sector == "GOV"):
            return None
        for h in [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]:
            where = self.places.get(h.i) if h is not tok else None
            if where is not None:
                return Mention(role.start, role.end, role.text, where.country, role.sector, "located")
        scopes = [{t.i for t in tok.subtree}] + ([_event_scope(clause_of)] if clause_of is not None else [])
        for tokens in scopes:
            where = self.location(tokens)
            if where is not None:
                return Mention(role.start, role.end, role.text, where.country, role.sector, "located")
        if home:
            return Mention(role.start, role.end, role.text, home, role.sector, "located")
        return None

    def location(self, tokens, near: bool = False) -> Mention | None:
        """The first state, capital or place after "in", "at", "across",
        "throughout" or "inside" among ``tokens`` ("in the city of Kirkuk"
        too): where something happened.  With ``near``, also "near",
        "outside (of)" and "around": where an attack struck."""
        preps = ("in", "at", "across", "throughout", "inside") + (("near", "outside", "around") if near else ())
        for i in sorted(tokens):
            tok = self.sdoc[i]
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj":
                tok = tok.head.head  # "in the northern city of Kirkuk"
            if near and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "outside":
                tok = tok.head  # "outside of the Iraqi city of Basra"
            if tok.dep_ not in ("pobj", "prep") or tok.head.lower_ not in preps:
                continue
            where = self.by_token.get(i) or self.places.get(i)
            if where is not None and where.kind in ("country", "capital", "place"):
                return where
        return None

    def located_object(self, verb, pattern: Pattern, sources: list[Mention]) -> list[Mention]:
        """A stateless role as the object ('police dispersed demonstrators
        in Monrovia', 'the court jailed 52 activists', 'the government
        accepted demands from rebels'): its state is the place named with
        it or in the clause, else the source's own (an act on people with
        no state named is domestic), unless the source is an army.  A protest with no one named
        ('students demonstrated in Jakarta') is aimed at the government of
        the place."""
        source = sources[0]
        if source.country:
            # Soldiers act abroad as often as at home: people they act on
            # are placed only by a place named ("Russian troops detained
            # civilians" gives no event).
            home = source.country if source.sector not in ("MIL", "IGO", "NGO") else None
            if pattern.code[:2] in ("18", "19", "20") and source.sector not in ("GOV", "COP", "JUD", "SPY"):
                home = None  # bombers' victims are not placed by the bombers' state
            objects = _direct_objects(verb)
            # "accepted demands from striking miners"
            for obj in objects + _prep_objects(verb, pattern.preps) + [g for o in objects for g in _prep_objects(o, pattern.preps)]:
                found = self.role_state(obj, verb, home=home)
                if found is not None:
                    return [found]
        objects = _direct_objects(verb)
        people = source.sector is None and source.kind == "adjective"  # "Iraqi Kurds", "Egyptian workers"
        if pattern.code[:2] == "14" and not any(o.i in self.by_token or o.i in self.roles for o in objects) and (people or source.sector not in ("GOV", "MIL", "COP", None)):
            where = self.location(_clause_tokens(verb))
            if where is not None and where.country == source.country:
                return [Mention(where.start, where.end, where.text, where.country, "GOV", "located")]
        return []

    def purpose_target(self, verb, sources: list[Mention], protest: bool = False) -> list[Mention]:
        """The first actor, other than the sources, named in the purpose of
        an act: "to demand ...", "in protest of ..."."""
        purposes = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)]
        # "rioted ..., joining demonstrators in demanding independence from
        # Indonesian rule": a participle that goes with the act tells its aim
        # (for protests only: "clashed, leaving 20 soldiers dead" tells a result)
        if protest:
            purposes += [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and not any(g.dep_ in SUBJECT_DEPS or g.dep_ == "mark" for g in c.children)]
        purposes += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in ("protest", "defiance")]
        if protest:
            # "threw stones during demonstrations against violations by the
            # Israeli military": the protest it took part in names the target
            purposes += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("during", "at", "in") for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in PROTEST_NOUNS]
        for clause in purposes:
            for t in sorted(clause.subtree, key=lambda t: t.i):
                m = self.by_token.get(t.i)
                if m is not None and not any(_one_actor(m, s_) or m.start == s_.start for s_ in sources):
                    return [m]
        # people with no state named ("to disperse demonstrators"): the
        # source's own, unless the source is an army (armies act abroad)
        home = sources[0].country if sources and sources[0].sector != "MIL" else None
        for clause in purposes:
            if clause.pos_ != "VERB":
                continue
            for obj in _direct_objects(clause):
                found = self.role_state(obj, clause, home=home)
                if found is not None:
                    return [found]
        return []

    def home_in_clause(self, verb, subject, source: Mention) -> list[Mention]:
        """The first place, capital or name of the source's own state in the
        verb's clause, outside its subject, as the target of a domestic
        act: the people there when the state acts, the state when anyone
        else does."""
        skip = {t.i for t in subject.subtree} if subject is not None else set()
        sector = "CVL" if source.sector in STATE_SECTORS else "GOV"
        for i in sorted(_clause_tokens(verb) - skip):
            m = self.places.get(i) or self.by_token.get(i)
            if m is not None and m.country == source.country and m.kind in ("country", "capital", "place") and m.start != source.start:
                return [Mention(m.start, m.end, m.text, m.country, sector, "located")]
        return []

    def place_in_clause(self, verb, subject, sources: list[Mention], material: bool = True) -> list[Mention]:
        """The first place named in the verb's own clause, outside its
        subject, in a state other than the sources'."""
        skip = {t.i for t in subject.subtree} if subject is not None else set()
        own = {m.country for m in sources}
        for i in sorted(_clause_tokens(verb) - skip):
            m = self.places.get(i)
            if m is None and material and i in self.by_token and self.by_token[i].kind == "capital" and self.sdoc[i].dep_ == "pobj" and self.sdoc[i].head.lower_ in ("in", "at", "inside", "near"):
                # "suspended aid deliveries in Baghdad": a capital as a place
                # (not where talks are held)
                m = dataclasses.replace(self.by_token[i], sector=None)
            if m is not None and m.country not in own:
                return [m]
        return []

    def prep_actors(self, heads, preps: tuple[str, ...], exclude: list[Mention], locative_ok: bool = True, info: "_SentenceInfo | None" = None, border_ok: bool = True, hostile: bool = True) -> list[Mention]:
        """Actors introduced by the given prepositions under ``heads``.
        A capital after "in"/"at" is a place, not a target ("signed in
        Tokyo"), unless the pattern names that preposition itself ("arrive
        in")."""
        out: list[Mention] = []
        deeper: list[Mention] = []  # found one hop further down: used only when nothing nearer is
        for head in heads:
            for prep in head.children:
                if prep.dep_ not in ("prep", "agent", "dative") or prep.lower_ not in preps:
                    continue
                for pobj in _prep_complements(prep):
                    found = []
                    hop = False
                    m = self.by_token.get(pobj.i)
                    if m is not None:
                        found.append(m)
                    else:
                        for c in pobj.children:
                            if not border_ok and pobj.lemma_.lower() in ("border", "frontier", "boundary"):
                                break
                            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in self.by_token:  # "on the Taliban faction"
                                found.append(self.by_token[c.i])
                                break
                            # "against Kampuchean guerrilla camps"
                            inner = next((g for g in c.children if g.dep_ in ("amod", "compound", "poss") and g.i in self.by_token), None) if c.dep_ == "compound" else None
                            if inner is not None:
                                found.append(self.by_token[inner.i])
                                break
                        # one more hop: "into waters around Taiwan", "to a demand from
                        # Washington"; not through a gerund ("arrested for collaborating
                        # with Israel": the reason names no target)
                        if not found and pobj.dep_ == "pobj" and prep.lower_ != "over":  # "over their ties with Israel" is a reason
                            # (a cooperative act does not reach "against": "supporting
                            # the campaign against al-Qaeda" does not support al-Qaeda)
                            hops = ("around", "near", "of", "off", "in", "inside", "from", "by", "with", "to") + (("against",) if hostile else ())
                            for p2 in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in hops):
                                for g in p2.children:
                                    if g.dep_ != "pobj":
                                        continue
                                    # "the computers of South Korean army officers"
                                    m2 = self.by_token.get(g.i) or next((self.by_token[c.i] for c in g.children if c.dep_ in ("poss", "compound", "amod") and c.i in self.by_token), None)
                                    if m2 is not None:
                                        found.append(m2)
                                        hop = True
                        if not found and info is not None and pobj.lower_ not in ("it", "them", "they"):
                            found = _resolve_reference(pobj, info)  # "a quarantine of the island", "a truce with the rebels"
                    for conj in _with_conjs(pobj)[1:]:
                        if conj.i in self.by_token:
                            found.append(self.by_token[conj.i])
                    for m in found:
                        if not locative_ok and prep.lower_ in ("in", "at") and m.kind == "capital":
                            continue
                        # the same state twice is one actor, unless two sectors
                        # of it meet ("the government accused Darfur rebels");
                        # its own capital is where it goes ("flew him to Moscow")
                        home = pobj.i in self.by_token and prep.lower_ in _WHERE_PREPS and m.kind in ("capital", "country") and any(e.country == m.country for e in exclude)
                        bucket = deeper if hop else out
                        if m not in bucket and not home and not _same_actor(m, exclude) and not any(_one_actor(e, m) for e in exclude):
                            bucket.append(m)
        return out or deeper


_WHERE_PREPS = ("to", "in", "at", "into", "from", "toward", "towards", "inside")
_PLACE_RE = re.compile(r"(?<![\w-])(?:in|at|near|outside|to)\s+$")


def _is_place(text: str, m: Mention) -> bool:
    """A capital after 'in'/'at' is where something happened, not who."""
    before = text[max(0, m.start - 9) : m.start].lower()
    return _PLACE_RE.search(before) is not None


def _coordinated(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Pairs of mentions joined by 'and' ('Saudi Arabia and Iran')."""
    out = []
    ordered = sorted((m for m in mentions if m.country), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        gap = text[a.end : b.start].strip().lower()
        if gap in ("and", ", and", "&", "and the", "and its") and a.country != b.country:
            out.append((a, b))
    return out


def _speaker_of(tok, info: _SentenceInfo) -> list[Mention]:
    """'Iraq said it would allow ...', 'the rebels said they will release
    ...': a pronoun subject of what is reported is the reporter."""
    if tok.lower_ not in ("it", "they", "he", "she", "we") or tok.dep_ not in SUBJECT_DEPS:
        return []
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORT_VERBS:
        return []
    reporter = next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)
    if reporter is None:
        return []
    span = {t.idx for t in reporter.subtree}
    found = [m for m in info.mentions if m.country and any(m.start <= i < m.end for i in span)]
    return list({m.country: m for m in reversed(found)}.values())[::-1]  # one per state, in order


def _resolve_reference(tok, info: _SentenceInfo) -> list[Mention]:
    """'he', 'it', 'the country', 'the two countries' → recent actors of
    the paragraph (including earlier in this sentence)."""
    phrase = " ".join(t.lower_ for t in tok.subtree if t.dep_ != "punct")
    word = tok.lower_
    speaker = _speaker_of(tok, info)
    if speaker:
        return speaker
    pool = info.recent + [m for m in info.mentions if m.end <= tok.idx]
    if not pool:
        return []
    if phrase in PLURAL_REFS or word in ("they",) or (word in ("countries", "sides", "leaders", "nations", "governments") and any(t.lower_ in ("two", "both") for t in tok.children)):
        # The two sides of the latest event told ("the two leaders", "all
        # sides"), else the latest "A and B" of the paragraph, else its last
        # two states.
        for cand in reversed(info.history[-6:]):
            if cand.code.startswith("045"):  # a mediator is not one of the sides
                continue
            for s_ in cand.sources:
                for t_ in cand.targets:
                    if s_.country and t_.country and s_.country != t_.country:
                        return [s_, t_]
        earlier = [p for p in info.pairs] + _coordinated(tok.doc.text[: tok.idx], [m for m in info.mentions if m.end <= tok.idx])
        for a, b in reversed(earlier):
            if a.country and b.country and a.country != b.country:
                return [a, b]
        distinct: list[Mention] = []
        for m in reversed(pool):
            if m.country and all(d.country != m.country for d in distinct):
                distinct.append(m)
            if len(distinct) == 2:
                break
        return list(reversed(distinct)) if len(distinct) == 2 else []
    kind = SINGULAR_REFS.get(phrase) or SINGULAR_REFS.get(word)
    if kind == "person":
        # Someone named earlier in this sentence ("Obama said he ..."), else
        # the person the last sentence that named one led with: the subject
        # more often than the object ("Obama hosted Santos. He praised ...").
        for m in reversed([m for m in info.mentions if m.end <= tok.idx]):
            if m.kind in ("person", "role"):
                return [m]
        if info.leads:
            return [info.leads[-1]]
        for m in reversed(pool):
            if m.kind in ("person", "role"):
                return [m]
        return []
    if kind == "state":
        for m in reversed(pool):
            if m.kind in ("country", "capital", "historical", "org"):
                return [m]
    if kind in ("group", "org"):
        for m in reversed(pool):
            if m.kind == kind:
                return [m]
    return []


def _event_time(trigger, info: _SentenceInfo, published: date | None) -> DateRange | None:
    """The event's time (``_clause_time``), never running past publication:
    an article cannot report as done what happens after it was written."""
    when = _clause_time(trigger, info, published)
    if when is None or published is None or when.end <= published:
        return when
    if when.start > published:
        return None
    return DateRange(when.start, published, "range", when.text)


def _clause_time(trigger, info: _SentenceInfo, published: date | None) -> DateRange | None:
    """Time of the trigger's own clause, else of its sentence, else the
    running narrative time, else (present/perfect news framing only) the
    publication date."""
    dated = [t for t in info.times if t.value is not None and t.timex_type in DATED_TYPES and not background_time(info.sentence.text, t.start, t.kind)]
    if dated:
        sdoc = trigger.doc
        clause_tokens = _clause_tokens(trigger)
        in_clause = []
        for t in dated:
            span = sdoc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and any(tok.i in clause_tokens for tok in span):
                in_clause.append((abs(span.start - trigger.i), t))
        if in_clause:
            # An explicit time beats a narrative connective in the same clause
            # ("Subsequently, ... an exercise called Friendship 2016").
            return min(in_clause, key=lambda x: (x[1].kind == "narrative", x[0]))[1].value
        # A time inside a relative clause about someone else's act ("Moscow,
        # which signed a treaty in November, demanded ...") dates that act
        # only: the main clause keeps the story's running time.
        outside = [t for t in dated if not _in_other_relative_clause(sdoc, t, trigger)]
        if not outside and info.prior is not None:
            return info.prior
        return min(outside or dated, key=lambda t: abs(t.start - trigger.idx)).value
    if info.narrative is not None:
        return info.narrative
    if published is not None and _present_framing(trigger):
        return DateRange(published, published, "day", "publication date")
    if published is not None and trigger.tag_ == "VBD":
        # News framing: a past-tense lead before the text has named any
        # time at all reports the news of the days before publication
        # ("NATO aircraft struck targets overnight").  Once any time has
        # been named, the narrative time above takes over instead.
        return DateRange(published - timedelta(days=NEWS_WINDOW_DAYS), published, "week", "before publication")
    return None


def _in_other_relative_clause(sdoc, time: TimeMention, trigger) -> bool:
    span = sdoc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return False
    for anc in span.root.ancestors:
        if anc.dep_ == "relcl":
            return trigger.i not in {t.i for t in anc.subtree}
    return False


def _clause_tokens(trigger) -> set[int]:
    """Token indices of the trigger's own clause: its subtree minus nested
    clauses headed by other verbs."""
    out: set[int] = set()
    stack = [trigger]
    while stack:
        t = stack.pop()
        out.add(t.i)
        for c in t.children:
            if c.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis") and c.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return out


def _event_scope(verb) -> set[int]:
    """The verb's clause and the "when"/"as"/"while" clauses that tell the
    same moment ("killed 23 people when they blew themselves up in Tel
    Aviv"): where the act took place."""
    out = _clause_tokens(verb)
    for c in verb.children:
        if c.dep_ == "advcl" and any(g.dep_ in ("mark", "advmod") and g.lower_ in ("when", "as", "while") for g in c.children):
            out |= {t.i for t in c.subtree}
    return out


def _present_framing(trigger) -> bool:
    if trigger.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have" for c in trigger.children)


@lru_cache(maxsize=1)
def _historical_table() -> tuple[tuple[str, int], ...]:
    from importlib import resources

    from .lexicon import read_table

    path = resources.files("accord") / "data" / "historical_states.tsv"
    rows = []
    for lineno, (name, year) in read_table(path, ["name", "last_year"]):
        if not year.isdigit():
            from .errors import DataFileError

            raise DataFileError(str(path), lineno, f"last_year must be a year, not {year!r}")
        rows.append((name.lower(), int(year)))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _new_states() -> dict[str, tuple[date, str]]:
    from importlib import resources

    return read_new_states(resources.files("accord") / "data" / "new_states.tsv")


def read_new_states(path) -> dict[str, tuple[date, str]]:
    """``new_states.tsv``: code -> (first day outside the older state's rule, that state)."""
    from .errors import DataFileError
    from .lexicon import read_table

    out: dict[str, tuple[date, str]] = {}
    for lineno, (code, day, before) in read_table(path, ["code", "since", "before"]):
        try:
            out[code] = (date.fromisoformat(day), before)
        except ValueError:
            raise DataFileError(str(path), lineno, f"since must be a date YYYY-MM-DD, not {day!r}") from None
    return out


def _places_then(mentions: list[Mention], when: date) -> list[Mention]:
    """Capitals and cities of a state not yet independent at the
    sentence's date are places in the state they belonged to
    (``data/new_states.tsv``)."""
    table = _new_states()
    out = []
    for m in mentions:
        then = table.get(m.country or "")
        if then is not None and m.kind in ("capital", "place") and when < then[0]:
            m = dataclasses.replace(m, country=then[1], sector=None if m.kind == "capital" else m.sector)
        out.append(m)
    return out


def historical_last_year(text: str) -> int | None:
    low = text.lower()
    for name, year in _historical_table():
        if name in low:
            return year
    return None


@lru_cache(maxsize=1)
def default_coder() -> Coder:
    """The packaged coder, built once per process."""
    return Coder()
