"""Partial dates: the forms accepted, the intervals they stand for, the messages for bad ones."""

import datetime as dt

import pytest

from timeline.dates import DateError, PartialDate


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2015", "year", dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
        ("2015-06", "month", dt.date(2015, 6, 1), dt.date(2015, 6, 30)),
        ("2016-02", "month", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
        ("2015-06-02", "day", dt.date(2015, 6, 2), dt.date(2015, 6, 2)),
    ],
)
def test_interval_and_precision(text: str, precision: str, first: dt.date, last: dt.date) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.interval() == (first, last)
    assert str(date) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2018-02-30", "'2018-02-30' is not a date: February 2018 has 28 days"),
        ("2015-13", "'2015-13' is not a date: month 13 does not exist (1 to 12)"),
        ("June 2", "'June 2' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2015-6-2", "with two-digit months and days"),
        ("0000", "year 0 does not exist"),
    ],
)
def test_invalid_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateError) as error:
        PartialDate.parse(text)
    assert message in str(error.value)
