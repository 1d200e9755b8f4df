"""The sample company's people: twelve reps in three regions with their supervisors, and
one distributor who sells beside them. Each rep has a character for the year (on pace,
ahead, behind, new this year) that the sales figures follow."""

from __future__ import annotations

from dataclasses import dataclass

from .texts import WORDS, ZH

# the languages of the reps' workbooks in the Chinese company: a mixed team (three reps
# use the English template); the English company uses English throughout
EN_WORKBOOKS = (3, 6, 10)

# characters, by position in the rep list (the same people in both languages)
AHEAD, BEHIND, SLOW_WEEK, NEW = 0, 9, 2, 11


@dataclass(frozen=True)
class Rep:
    name: str
    region: str
    supervisor: str
    lang: str  # the language of the rep's workbooks
    index: int  # position in the company's list
    kind: str = "rep"  # or "distributor"

    @property
    def area(self) -> str:
        return ""


def reps(lang: str) -> list[Rep]:
    """The company's reps in `lang`, region by region."""
    words = WORDS[lang]
    return [Rep(name, region, words.regions[region]["supervisor"],
                "en" if lang == "en" or i in EN_WORKBOOKS else "zh", i)
            for i, (name, region) in enumerate(words.reps)]


def distributor(lang: str) -> Rep:
    name, region = WORDS[lang].distributor
    return Rep(name, region, WORDS[lang].regions[region]["supervisor"], lang, len(WORDS[lang].reps),
               kind="distributor")


# the Chinese company as plain tuples, for code that only needs names
REGIONS: dict[str, dict] = ZH.regions
REPS: list[tuple[str, str, str]] = [(r.name, r.region, r.lang) for r in reps("zh")]
