"""Calendar arithmetic for the diff oracle, written from the schema's words (not from src/source):
a length's last covered day is the date plus `count` `unit`, months clamped to the month's end
or overflowing into the next month, minus one day when the last day is excluded."""
import calendar
import datetime

ONE_DAY = datetime.timedelta(days=1)


def is_date(value):
    """A fact's value that is a calendar date (a fact may be a date in one version, a choice in the other)."""
    try:
        return isinstance(value, str) and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


def parse(text):
    return datetime.date.fromisoformat(text)


def add_months(date, count, mode):
    month0 = date.month - 1 + count
    year, month = date.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if date.day <= last:
        return datetime.date(year, month, date.day)
    if mode == "clamp":
        return datetime.date(year, month, last)
    if mode == "overflow":
        return datetime.date(year, month, last) + datetime.timedelta(days=date.day - last)
    raise AssertionError(f"unknown month arithmetic {mode!r}")


def last_covered_day(start, length):
    """The last day a length counted from `start` covers (schema: $defs/length)."""
    if length["unit"] == "days":
        end = start + datetime.timedelta(days=length["count"])
    elif length["unit"] == "months":
        end = add_months(start, length["count"], length["months"])
    else:
        raise AssertionError(f"unknown length unit {length['unit']!r}")
    if length["last_day"] == "excluded":
        end -= ONE_DAY
    elif length["last_day"] != "covered":
        raise AssertionError(f"unknown last_day {length['last_day']!r}")
    return end
