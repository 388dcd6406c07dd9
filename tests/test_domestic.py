"""Domestic events: two sectors of one state, and people with no state named."""

from __future__ import annotations

from datetime import date

import pytest

from accord.coding import default_coder


@pytest.fixture(scope="module")
def coder():
    return default_coder()


def code(coder, text, published=date(2009, 6, 1)):
    return [e for e in coder.code_text(text, "t", published) if e.modality == "asserted"]


@pytest.mark.parametrize(
    "behaviour, sentence, expected",
    [
        ("a government yields to people with no state named: its own",
         "The Bolivian government accepted demands from striking miners on Friday.", ("BOLGOV", "BOLLAB", "08")),
        ("two sectors of one state through a preposition",
         "The Malian government accused Tuareg rebels of breaking the truce on Monday.", ("MLIGOV", "MLIREB", "11")),
        ("a region modifying a role places it",
         "Sudan's army shelled Darfur rebels on Monday.", ("SDNMIL", "SDNREB", "19")),
        ("police and the people they act on, both named by nationality",
         "Jordanian police confiscated weapons from Jordanian smugglers on Monday.", ("JORCOP", "JORCRM", "17")),
        ("an ethnic group is placed where it lives, not by its name",
         "Ethnic Hungarians in Slovakia protested against the new language law on Sunday.", ("SVKCVL", "SVKGOV", "14")),
        ("people with no state named who demand of a state's leader are its people",
         "Hundreds of farmers demanded the resignation of Peruvian President Alan Garcia on Monday.", ("PERAGR", "PERGOV", "10")),
        ("a state's act in a city of its own, with no one else named, is on the people there",
         "The Peruvian government imposed a curfew in Arequipa on Monday.", ("PERGOV", "PERCVL", "17")),
        ("people blocking roads in their own capital act against their state",
         "Striking Bolivian miners blocked roads in La Paz on Monday.", ("BOLLAB", "BOLGOV", "14")),
        ("a protest is aimed at whom its purpose names",
         "Demonstrators in Lima blocked a highway to show their anger at Chile's fishing policy.", ("PERCVL", "CHL", "14")),
        ("people protesting with no one named protest to their own government",
         "Angry Tunisian students rioted on Friday night.", ("TUNCVL", "TUNGOV", "14")),
        ("an investigation is of whoever did what is investigated",
         "Peru is investigating alleged abuses by Peruvian soldiers against villagers.", ("PER", "PERMIL", "09")),
        ("a judge with no state named acts at home",
         "Judge Maria Lopez opened fraud investigations against three Ecuadorian ministers on Friday.", ("ECUJUD", "ECUGOV", "09")),
        ("an ethnic group is not the state of its name: Turks in Bulgaria are Bulgaria's",
         "Ethnic Turks in Bulgaria boycotted the vote on Sunday.", ("BGRCVL", "BGRGOV", "14")),
        ("a state named bare by its own people is its government",
         "Chilean students protested against Chile's education reform on Monday.", ("CHLCVL", "CHL", "14")),
    ],
)
def test_one_domestic_event(coder, behaviour, sentence, expected):
    (e,) = code(coder, sentence)
    assert (e.source.code, e.target.code, e.root) == expected, behaviour


@pytest.mark.parametrize(
    "behaviour, sentence",
    [
        # Who attacks is never guessed from whom they hurt.
        ("violence by people with no state named has no source", "Gunmen killed three Nigerian soldiers on Sunday."),
        # Troops act abroad as often as at home.
        ("soldiers do not give their state to people they act on", "Kenyan troops detained dozens of villagers on Friday."),
        # Going home is not an act on one's own government.
        ("a state's own capital after 'to' is a destination", "Soviet paratroopers arrested the leader and flew him to Moscow."),
        # Meeting or signing at home is no act on one's own state.
        ("cooperation at home has no domestic target", "Pakistan's army signed a contract in Karachi on Monday."),
        ("a meeting at home has no domestic target", "Nigerian soldiers met in Lagos on Monday."),
        # Settlers live where they are not from.
        ("settlers are not the state of the place they settled", "Settlers in the West Bank city of Hebron set fire to Palestinian offices overnight."),
        # A prosecutor investigating something named for a state is not that state's.
        ("a court or prosecutor is placed by the people or organs it acts on, not by a state named bare",
         "The special prosecutor was asked to investigate Ukrainian collusion."),
    ],
)
def test_no_invented_side(coder, behaviour, sentence):
    # none of these sentences holds a domestic event, nor any Turkish side
    bad = [(e.source.code, e.target.code) for e in code(coder, sentence) if "TUR" in (e.source.country, e.target.country) or e.source.country == e.target.country]
    assert bad == [], behaviour


def test_the_killing_of_civilians_is_no_act_on_civilians(coder):
    # "the killing of civilians" is an act; the people after its "of" are
    # not the object of "condemned", so no domestic event appears.
    events = code(coder, "Pakistan condemned the killing of civilians on Monday.")
    assert [e for e in events if e.target.country == "PAK"] == []


def test_an_implied_target_names_no_words(coder):
    # the government protested to is not named: its text is empty
    (e,) = code(coder, "Angry Tunisian students rioted on Friday night.")
    assert (e.target.code, e.target.text) == ("TUNGOV", "")


def test_inspectors_sent_to_a_site_in_a_state_investigate_it(coder):
    (e,) = code(coder, "The IAEA dispatched inspectors to a uranium plant in central Iran on Monday.")
    assert (e.source.country, e.target.country, e.root) == ("IAEA", "IRN", "09")
