"""Region order: the four seed regions first, in the order of the analysis, then the others; a chosen
order is an argument, never a global."""
from __future__ import annotations

import zerocovid as zc
from zerocovid.regions import region_order


def test_region_order_is_stable():
    regions = ["Zhengzhou", "Xi'an", "Yili", "Beijing", "Korla"]
    assert region_order(regions) == ["Yili", "Korla", "Xi'an", "Beijing", "Zhengzhou"]


def test_chosen_regions_are_an_argument_not_a_global(docs):
    chosen = zc.select_regions(docs, ["Xi'an", "Korla"])
    assert zc.region_order(chosen["region"], ["Xi'an", "Korla"]) == ["Xi'an", "Korla"]
    assert zc.region_order(["Yili", "Korla", "Xi'an"], ["Xi'an", "Korla"]) == ["Xi'an", "Korla", "Yili"]
    # choosing regions changes nothing for a later call that does not pass them
    assert zc.region_order(docs["region"]) == ["Yili", "Korla", "Xuchang", "Xi'an"]
