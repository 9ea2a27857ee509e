"""The World Bank loader: tidy output, and clear errors on malformed files."""

from __future__ import annotations

import pytest

from analysis.data.sources import wdi

HEADER = "Country Name,Country Code,Year,Value\n"


def test_parse_returns_tidy_columns(tmp_path):
    file = tmp_path / "data.csv"
    file.write_text(HEADER + '"Iran, Islamic Rep.",IRN,2019,84000000\nWorld,WLD,2019,7.7e9\n')
    frame = wdi.parse(file)
    assert list(frame.columns) == ["iso3", "country", "year", "value"]
    assert frame.loc[0, "country"] == "Iran, Islamic Rep."
    assert frame["year"].dtype == "int64"


@pytest.mark.parametrize(("body", "problem"), [
    ("Kazakhstan,KAZ,2019,n/a\n", "line 2"),
    ("Kazakhstan,KAZ,2019,1\nKazakhstan,kz,2020,1\n", "line 3"),
    ("Kazakhstan,KAZ,2019,1\nKazakhstan,KAZ,2019,2\n", "line 3: duplicate"),
])
def test_malformed_rows_name_file_and_line(tmp_path, body, problem):
    file = tmp_path / "data.csv"
    file.write_text(HEADER + body)
    with pytest.raises(wdi.WDIFormatError, match=problem) as error:
        wdi.parse(file)
    assert str(file) in str(error.value)


def test_wrong_header_is_rejected(tmp_path):
    file = tmp_path / "data.csv"
    file.write_text("country,code,year,value\nKazakhstan,KAZ,2019,1\n")
    with pytest.raises(wdi.WDIFormatError, match="expected columns"):
        wdi.parse(file)


def test_load_adds_the_indicator_and_covers_the_members():
    frame = wdi.load("SP.POP.TOTL")
    assert set(frame["indicator"]) == {"SP.POP.TOTL"}
    in_2019 = frame[frame["year"] == 2019]
    assert {"KAZ", "CHN", "RUS", "WLD"} <= set(in_2019["iso3"])


def test_unknown_indicator_is_an_error():
    with pytest.raises(Exception, match="unknown WDI indicator"):
        wdi.load("XX.NOPE")
