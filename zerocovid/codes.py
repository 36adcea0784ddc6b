"""The controlled vocabularies of the coded tables: English ids that tables, lexicons and charts share.

Each is a tuple in the order tables and charts show it. The lexicon schemas (``lexicon_schema``)
accept only these values where the code branches on them.
"""
MODES = ("direct", "reported", "ordered")                       # apologies.mode
# apology_mentions.type: why a formula is no act, in the order the codebook (§2.2) tries them
MENTION_TYPES = ("title", "word", "commentary", "demand", "wish", "obligation", "refusal", "denial", "rumour",
                 "conditional", "question", "no_need", "mention")
KINDS = ("measure", "next_step", "shortcoming", "other")        # measures.kind (of a list)
SCOPES = ("new", "cumulative", "current", "none")               # figures.scope
FIGURE_KINDS = ("count", "range", "ordinal", "ratio", "price")  # figures.kind (the shape of a figure)
PLACE_LEVELS = ("province", "prefecture", "city")               # the level of a place or anaphor in the gazetteer
UNIT_LEVELS = ("country", "province", "prefecture", "county", "district", "township", "")  # figures.place_level
