"""Partial dates: the forms accepted, the intervals they stand for, the messages for bad ones."""

import datetime as dt

import pytest

from timeline.dates import DateError, PartialDate
from timeline.i18n import date_text


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


@pytest.mark.parametrize(
    ("first", "last", "lang", "written"),
    [
        ("2018-06-07", "2018-06-08", "fr", "7–8 juin 2018"),
        ("2018-05-30", "2018-06-02", "fr", "30 mai – 2 juin 2018"),
        ("2018-12-30", "2019-01-02", "fr", "30 décembre 2018 – 2 janvier 2019"),
        ("2018-06-07", "2018-06-08", "en", "June 7–8, 2018"),
        ("2018-05-30", "2018-06-02", "en", "May 30 – June 2, 2018"),
        ("2018-12-30", "2019-01-02", "en", "December 30, 2018 – January 2, 2019"),
    ],
)
def test_periods_of_days_write_months_in_full(
    first: str, last: str, lang: str, written: str
) -> None:
    # As single dates are written: a list mixes both.
    assert date_text(PartialDate.parse(first), PartialDate.parse(last), False, lang) == written
