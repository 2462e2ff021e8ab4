"""A small corpus written for copy detection: one wire story carried by several outlets
(verbatim, re-headlined, cut, with a paragraph added, truncated) and independent reports
of the same event by other reporters, who share a quotation with the wire but not its
words. Every text here is invented for the tests."""

from __future__ import annotations

WIRE = """VALDORA, March 3 (AP) — Floodwaters swept through three river towns in northern \
Valdora on Tuesday, forcing about 12,000 people from their homes and cutting the only rail \
line to the coast, officials said.

The Marren River rose nearly four metres overnight after a week of heavy rain, the national \
weather office said. Emergency crews used boats to reach families trapped on rooftops in the \
town of Oskel, where the water stood waist-deep in the main square by dawn.

"We have not seen the river this high in forty years," said Lena Varga, the mayor of Oskel. \
"Our first task is to get every family to dry ground before nightfall."

Interior Minister Tomas Hald said the government would release 40 million crowns in \
emergency aid and send two army engineering units to shore up the levees downstream. He \
told reporters in the capital that no deaths had been confirmed, but that several people \
were missing near the village of Brask.

The rail operator said repairs to the washed-out bridge at Kell could take at least two \
weeks. Freight bound for the port of Saline is being diverted by road, adding a day to \
deliveries of grain and fuel.

Forecasters expect more rain on Thursday, and the weather office has kept its highest \
warning in place for the whole Marren basin until the weekend."""

# the same story, re-headlined and lightly edited by a second outlet
EDITED = (
    WIRE.replace("Floodwaters swept through", "Flooding hit").replace(
        "officials said.", "local officials said on Tuesday."
    )
    + "\n\nThis story has been updated with the rail operator's statement."
)

# a third outlet cut the last two paragraphs
CUT = WIRE.rsplit("\n\nThe rail operator", 1)[0]

# a fourth outlet added a paragraph of its own reporting
ADDED = (
    WIRE + "\n\nIn the nearby city of Durn, volunteers filled sandbags outside the cathedral. "
    "Shopkeepers along the embankment moved their stock to upper floors, and the city "
    "council opened two school gyms as shelters for the night."
)

# independent reports of the same flood by other reporters: they quote the mayor too
INDEPENDENT_1 = """Residents of Oskel spent Tuesday night in school halls and church basements \
after the Marren burst its banks, the worst flooding the region has known in a generation.

Rescue teams in inflatable boats ferried elderly residents from the upper floors of \
apartment blocks, while soldiers stacked sandbags along the road to the hospital.

"We have not seen the river this high in forty years," the mayor, Lena Varga, told our \
correspondent as she toured a shelter. Many families left with only a bag of clothes.

Farmers upstream said the spring sowing would be delayed by weeks, and some feared losing \
their winter stores. The regional council asked for volunteers with tractors and pumps."""

INDEPENDENT_2 = """The government of Valdora promised emergency money for flooded towns on \
the Marren on Tuesday, as the opposition accused ministers of ignoring warnings about the \
state of the levees for years.

Tomas Hald, the interior minister, announced 40 million crowns of aid. Critics said the \
sum would not cover the cost of rebuilding the rail bridge at Kell alone, and pointed to a \
2019 audit that called the flood defences outdated.

"Every year we were told there was no money for the levees," said Ivo Brenn, an opposition \
deputy from the region. "Now we are paying for it many times over."

Economists at the central bank said disruption to the port of Saline could lift food \
prices briefly, but was unlikely to slow growth for the quarter."""

# a short text sharing one sentence with the wire: not a copy
SNIPPET = (
    '"We have not seen the river this high in forty years," said Lena Varga, the mayor of '
    "Oskel. More soon."
)
