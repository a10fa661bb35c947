"""Headlines for untitled articles (issue 23): made from the short summary, shared by
`briefing summarize` (the article template) and the daily briefing; the id never a heading."""
from __future__ import annotations

import re

from typer.testing import CliRunner

from briefing.cli import app
from briefing.render import render
from briefing.summarize.headline import article_headline, headline_from_summary

UNTITLED = (
    "Rescuers in Kathmandu pulled a teenage boy alive from the rubble of a seven-storey hotel on Thursday, "
    "five days after the earthquake struck the city, officials said.\n\n"
    "The boy, who was found by a team of Nepalese and American rescuers, was taken to a field hospital. "
    "Doctors said he was dehydrated but conscious and able to speak to his family.\n\n"
    "More than 5,000 people are known to have died in the quake, and the toll is expected to rise as "
    "rescue teams reach remote villages in the mountains.\n"
)


def test_headline_reads_like_a_headline():
    h = headline_from_summary("KATHMANDU, Nepal (CNN) -- Rescuers pulled a teenage boy alive from the rubble "
                              "of a seven-storey hotel on Thursday, five days after the earthquake, officials said.")
    assert not h.endswith(".") and "(CNN)" not in h and "officials said" not in h
    assert h.startswith("Rescuers pulled a teenage boy alive") and len(h.split()) <= 15
    assert headline_from_summary("The U.S. and Cuba resumed talks on migration, the State Department said.") == \
        "The U.S. and Cuba resumed talks on migration"
    assert article_headline("Given title", "whatever.") == ("Given title", False)
    assert article_headline(None, "police arrested a man on Tuesday.") == ("Police arrested a man on Tuesday", True)


def test_untitled_stdin_article_gets_a_headline_not_its_id():
    out = CliRunner().invoke(app, ["summarize", "-", "--engine", "lead"], input=UNTITLED)
    assert out.exit_code == 0, out.output
    heading = next(line for line in out.output.splitlines() if line.startswith("## "))
    assert "stdin-" not in heading, heading
    assert re.match(r"## Rescuers in Kathmandu pulled a teenage boy alive", heading), heading


def test_article_template_uses_the_title_when_there_is_one():
    d = {"id": "x-1", "title": "Nepal quake: boy found alive", "byline": None, "source": None, "date": None, "url": None,
         "summary": {"short": "A boy was found.", "long": "A boy was found."}, "key_points": [], "quotes": []}
    assert render("article", "md", {"a": d, "max_quotes": 3}).startswith("## Nepal quake: boy found alive")
    d["title"] = None
    assert render("article", "md", {"a": d, "max_quotes": 3}).startswith("## A boy was found\n")


def test_headline_drops_every_agency_tag_ingest_knows():
    # '(EW.com) --' opens 18 of the first 3,000 CNN stories; the headline kept it
    assert headline_from_summary("(EW.com) -- Who was the last male monarch to rule the land?") == \
        "Who was the last male monarch to rule the land?"
    assert not headline_from_summary("NEW YORK (CNNMoney) -- Stocks fell sharply on Monday as oil slid.").startswith("NEW YORK")
