"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD): parse them and give the interval they stand for."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PRECISIONS = ("day", "month", "year")

_FORM = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_HINT = "write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2015, 2015-06 or 2015-06-02)"


class DateError(ValueError):
    """A text that is not a valid partial date; the message says how to write one."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year.

    >>> PartialDate.parse("2015-06").interval()
    (datetime.date(2015, 6, 1), datetime.date(2015, 6, 30))
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise DateError saying what is wrong."""
        match = _FORM.match(text.strip())
        if not match:
            raise DateError(f"'{text}' is not a date: {_HINT}")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if (match.group(2) and len(match.group(2)) != 2) or (
            match.group(3) and len(match.group(3)) != 2
        ):
            raise DateError(f"'{text}' is not a date: {_HINT}, with two-digit months and days")
        if year < 1:
            raise DateError(f"'{text}' is not a date: year 0 does not exist")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' is not a date: month {month} does not exist (1 to 12)")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if day == 0:
                raise DateError(f"'{text}' is not a date: day 00 does not exist (01 to {last})")
            if not 1 <= day <= last:
                month_name = _MONTHS[month - 1]
                raise DateError(f"'{text}' is not a date: {month_name} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def interval(self) -> tuple[dt.date, dt.date]:
        """First and last day of the period the date stands for (both included)."""
        if self.month is None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        day = dt.date(self.year, self.month, self.day)
        return day, day

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
