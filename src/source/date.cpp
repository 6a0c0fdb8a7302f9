// Civil-date conversions (days <-> year/month/day) and month arithmetic under a declared rule.
#include "warrant/date.hpp"

#include <limits>

#include <fmt/format.h>

namespace warrant {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

namespace {

// Days from 1970-01-01 to y-m-d: the era-based method (400-year cycles of 146097 days), which
// needs no tables and is exact over the whole proleptic Gregorian calendar. Within an era every
// quantity is non-negative, and unsigned division by a constant compiles to less.
std::int32_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);                          // [0, 399]
    const auto mp = static_cast<unsigned>(m > 2 ? m - 3 : m + 9);                    // March = 0
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d - 1);         // [0, 365]
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                     // [0, 146096]
    return era * 146097 + static_cast<int>(doe) - 719468;
}

}  // namespace

std::optional<Date> make_date(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > days_in_month(year, month)) return std::nullopt;
    return Date{days_from_civil(year, month, day)};
}

YearMonthDay to_ymd(Date date) {
    const int z = date.days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);                  // [0, 146096]
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              // [0, 365]
    const unsigned mp = (5 * doy + 2) / 153;                                   // [0, 11]
    const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {static_cast<int>(yoe) + era * 400 + (month <= 2), month, day};
}

namespace {

bool parse_digits(std::string_view text, std::size_t from, std::size_t count, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

bool split_iso(std::string_view text, int& y, int& m, int& d) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-' && parse_digits(text, 0, 4, y) &&
           parse_digits(text, 5, 2, m) && parse_digits(text, 8, 2, d);
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (!split_iso(text, y, m, d)) return std::nullopt;
    return make_date(y, m, d);
}

std::string describe_bad_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (!split_iso(text, y, m, d)) return "dates are written YYYY-MM-DD";
    if (y < 1) return "years start at 0001";
    if (m < 1 || m > 12) return fmt::format("there is no month {:02}", m);
    return fmt::format("{:04}-{:02} has {} days", y, m, days_in_month(y, m));
}

namespace {

// `value` as `width` decimal digits, zero-padded.
void put_digits(char* at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string to_iso(Date date) {
    std::string out;
    append_iso(out, date);
    return out;
}

// Digits written by hand: answers carry a date each, and fmt would parse its format string
// for every one. Years outside 0..9999 keep fmt's rendering (a sign, or a fifth digit).
void append_iso(std::string& out, Date date) {
    const auto ymd = to_ymd(date);
    if (ymd.year < 0 || ymd.year > 9999) {
        out += fmt::format("{:04}-{:02}-{:02}", ymd.year, ymd.month, ymd.day);
        return;
    }
    char text[] = "YYYY-MM-DD";
    put_digits(text, ymd.year, 4);
    put_digits(text + 5, ymd.month, 2);
    put_digits(text + 8, ymd.day, 2);
    out.append(text, sizeof text - 1);
}

namespace {

Date months_later(Date date, std::int32_t months, MonthRule rule) {
    const auto ymd = to_ymd(date);
    const int total = ymd.year * 12 + (ymd.month - 1) + months;
    const int year = total / 12;
    const int month = total % 12 + 1;
    const int last = days_in_month(year, month);
    if (ymd.day <= last) return Date{days_from_civil(year, month, ymd.day)};
    if (rule == MonthRule::Clamp) return Date{days_from_civil(year, month, last)};
    return Date{days_from_civil(year, month, last) + (ymd.day - last)};
}

// The sums asked last on this thread. Deciding many claims of one purchase (the checks'
// dead-rule analysis tries thousands) asks for the same few sums again and again; answering
// a batch, each claim's differ and a miss costs a comparison or two.
struct MonthSums {
    static constexpr std::size_t size = 4;
    struct Entry {
        std::int32_t from = std::numeric_limits<std::int32_t>::min();
        std::int32_t months = 0;
        MonthRule rule = MonthRule::Clamp;
        std::int32_t result = 0;
    };
    Entry entries[size];
    std::size_t next = 0;
};

}  // namespace

Date add_months(Date date, std::int32_t months, MonthRule rule) {
    thread_local MonthSums sums;
    for (const auto& e : sums.entries) {
        if (e.from == date.days && e.months == months && e.rule == rule) return Date{e.result};
    }
    const Date result = months_later(date, months, rule);
    sums.entries[sums.next] = {date.days, months, rule, result.days};
    sums.next = (sums.next + 1) % MonthSums::size;
    return result;
}

}  // namespace warrant
