"""A corpus written for the copies tests: one wire story carried by four outlets (verbatim,
lightly edited, cut, with a paragraph added) and two independent reports of the same
meeting by other reporters, which state the same trade figure and the same opposition.
Every text here is invented for the tests."""

from __future__ import annotations

WIRE = """TARSK, June 12 (Reuters) - Prime Minister Anna Lind met President Karel Obst in Tarsk on \
Monday and the two leaders signed an agreement to build a gas pipeline between their \
countries, officials said.

Trade between Norland and Ostavia reached 3 billion euros in 2022, according to the Norland \
statistics office, and both governments hope the pipeline will double it within five years.

"This pipeline ties our economies together for a generation," Lind told reporters after the \
ceremony at the presidential palace. Obst said the first section could open in 2026.

The opposition Green Party said it opposes the pipeline and accused the government of \
ignoring the damage it would do to the wetlands along the river Vell. Party leader Mira \
Sand said the deal had been rushed through without a public hearing.

Gas output of the Kordo fields reached 12 billion cubic metres in 2022, the operator said. \
The pipeline will run 310 kilometres from the gas fields at Kordo to the port of Vesk.

Ostavia's energy minister, Pavel Dunn, said his ministry would publish the route in July \
and hold hearings in every district the pipeline crosses."""

EDITED = (
    WIRE.replace(
        "Prime Minister Anna Lind met", "Norland's prime minister, Anna Lind, met"
    ).replace("officials said.", "officials in both capitals said.")
    + "\n\nThis article was updated with comments from the energy ministry."
)

CUT = WIRE.rsplit("\n\nGas output of the Kordo", 1)[0]

ADDED = WIRE + (
    "\n\nIn Vesk, harbour workers welcomed the news. The port authority said it would need new "
    "berths for the tankers and asked the government for money to dredge the channel."
)

INDEPENDENT_1 = """When Prime Minister Anna Lind met President Karel Obst in Tarsk on Monday, the \
two leaders shook hands on the long-debated gas pipeline, ending two years of talks.

Trade between Norland and Ostavia reached 3 billion euros in 2022, figures from the Norland \
statistics office show, a sum that business groups say could grow quickly once gas flows.

Farmers near the river Vell gathered outside the palace with banners. Several told our \
reporter they feared the construction would drain their fields, and a local council has \
asked for a study of the groundwater before any digging starts.

The Green Party opposes the pipeline, its leader Mira Sand said, promising to challenge the \
permits in court."""

INDEPENDENT_2 = """The gas deal agreed in Tarsk on Monday by Prime Minister Anna Lind and \
President Karel Obst met a cool reception in the markets, where the Ostavian currency slipped \
against the euro.

Analysts at Kordo Bank said the cost of the pipeline, put by the government at 2 billion \
euros, was likely to rise. They noted that trade between Norland and Ostavia reached 2.8 \
billion euros in 2022, below the official figure, once re-exports were left out.

Officials in Vesk said the port would be ready to load the first tankers by 2027."""
