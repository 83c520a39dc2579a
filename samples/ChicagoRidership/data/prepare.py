#!/usr/bin/env python3
"""Reshape the R modeldata `Chicago` table into the ChicagoRidership sample's CSVs.

Source
------
`Chicago` from the R package modeldata (MIT licence, copyright the modeldata
authors); see https://modeldata.tidymodels.org/reference/Chicago.html.
The data come from the Chicago Transit Authority's public "L" station entry
counts, Chicago weather records and the home/away schedules of the city's
sports teams.  The source CSV has one row per day, 2001-01-22 .. 2016-08-28:

* `ridership`: daily entries (thousands) at the Clark/Lake station on that day;
* 20 station columns (Austin ... California): daily entries (thousands) at that
  station **14 days earlier**.  modeldata pre-lagged them so that they could be
  used as predictors two weeks ahead; e.g. `Clark_Lake[d] == ridership[d - 14]`
  holds (as text) for every one of the 5,684 days where both are present;
* weather columns (`temp_min` ... `weather_storm`) for the day itself;
* sports columns `<Team>_Away` / `<Team>_Home` (0/1) for the day itself;
* `date` (ISO yyyy-mm-dd).

Reshaping
---------
The lag is undone so that every value is filed under the day it was counted:

station_days.csv  (`station,date,riders`, long format)
    For every station column S and source row dated d, one row
    (S, d - 14 days, value).  Clark_Lake additionally gets the rows of the
    `ridership` column (date d) for the days the lagged column does not cover
    (the last 14 days, 2016-08-15 .. 2016-08-28).  Sorted by date, then station
    name (ordinal).  Values are copied verbatim from the source text.

weather.csv  (`date,<18 weather columns>,home_games`)
    One row per source date, weather values copied verbatim; `home_games` is
    the number of `*_Home` columns equal to 1 on that day.

network.csv  (`date,total,<6 downtown hub stations>`)
    One row per un-lagged date (d - 14 of every source row): `total` is the
    exact sum of the 20 stations' values that day (computed in integer
    ten-thousandths, no float error), rounded to 3 decimals (half away from
    zero) and written without trailing zeros; the hub columns are copied
    verbatim.

The output is deterministic: same input bytes -> same output bytes ('\\n' line
endings, minimal quoting).  Only the Python standard library is used.

Usage:  python3 prepare.py [path/to/Chicago.csv]
        (default: ../../../../shared/data/Chicago.csv relative to this script)
"""

import csv
import datetime
import os
import sys

LAG_DAYS = 14

STATIONS = [
    "Austin", "Quincy_Wells", "Belmont", "Archer_35th", "Oak_Park", "Western",
    "Clark_Lake", "Clinton", "Merchandise_Mart", "Irving_Park",
    "Washington_Wells", "Harlem", "Monroe", "Polk", "Ashland", "Kedzie",
    "Addison", "Jefferson_Park", "Montrose", "California",
]

WEATHER = [
    "temp_min", "temp", "temp_max", "temp_change", "dew", "humidity",
    "pressure", "pressure_change", "wind", "wind_max", "gust", "gust_max",
    "percip", "percip_max", "weather_rain", "weather_snow", "weather_cloud",
    "weather_storm",
]

HUBS = ["Clark_Lake", "Quincy_Wells", "Washington_Wells", "Merchandise_Mart",
        "Monroe", "Polk"]

SCALE_DIGITS = 4  # the source has at most 4 decimals (a few x.xxx5 values)


def to_fixed(text):
    """Parse a non-negative decimal string exactly into an int of 1e-4 units."""
    whole, _, frac = text.strip().partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > SCALE_DIGITS:
        raise ValueError("unexpected ridership value %r" % text)
    return int(whole) * 10 ** SCALE_DIGITS + int((frac + "0" * SCALE_DIGITS)[:SCALE_DIGITS])


def format_total(units):
    """1e-4 units -> text rounded to 3 decimals (half away from zero), no trailing zeros."""
    milli = (units + 5) // 10  # units >= 0, so this is round-half-up
    whole, frac = divmod(milli, 1000)
    frac_text = ("%03d" % frac).rstrip("0")
    return "%d.%s" % (whole, frac_text) if frac_text else "%d" % whole


def is_missing(text):
    return text is None or text.strip() in ("", "NA", "NaN", "nan")


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "..", "..", "..", "shared", "data", "Chicago.csv")

    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("no rows in %s" % src)
    home_cols = [c for c in rows[0].keys() if c.endswith("_Home")]
    needed = ["ridership", "date"] + STATIONS + WEATHER + home_cols
    for c in needed:
        if c not in rows[0]:
            sys.exit("column %s missing from %s" % (c, src))
    for i, r in enumerate(rows):
        for c in needed:
            if is_missing(r[c]):
                sys.exit("missing value: row %d column %s" % (i + 2, c))

    rows.sort(key=lambda r: r["date"])  # ISO dates sort chronologically
    lag = datetime.timedelta(days=LAG_DAYS)

    # station_days: (date, station) -> value, un-lagged
    station_days = {}
    network = []
    for r in rows:
        actual = (datetime.date.fromisoformat(r["date"]) - lag).isoformat()
        total = 0
        for s in STATIONS:
            key = (actual, s)
            if key in station_days:
                sys.exit("duplicate station day %s" % (key,))
            station_days[key] = r[s]
            total += to_fixed(r[s])
        network.append([actual, format_total(total)] + [r[h] for h in HUBS])
    added = 0
    for r in rows:
        key = (r["date"], "Clark_Lake")
        if key not in station_days:
            station_days[key] = r["ridership"]
            added += 1
    # Sort by date, then station name with ordinal (code point) comparison.
    sd_rows = [[s, d, v] for (d, s), v in sorted(station_days.items())]

    weather = []
    for r in rows:
        home = sum(1 for c in home_cols if float(r[c]) == 1.0)
        weather.append([r["date"]] + [r[c] for c in WEATHER] + [str(home)])

    outputs = [
        ("station_days.csv", ["station", "date", "riders"], sd_rows),
        ("weather.csv", ["date"] + WEATHER + ["home_games"], weather),
        ("network.csv", ["date", "total"] + HUBS, network),
    ]
    for name, header, data in outputs:
        path = os.path.join(here, name)
        write_csv(path, header, data)
        date_idx = header.index("date")
        dates = [row[date_idx] for row in data]
        empty = sum(1 for row in data for v in row if is_missing(v))
        print("%-16s rows=%-7d bytes=%-8d dates=%s..%s missing=%d" % (
            name, len(data), os.path.getsize(path), min(dates), max(dates), empty))
    print("Clark_Lake rows taken from `ridership` (not covered by the lagged column): %d" % added)


if __name__ == "__main__":
    main()
