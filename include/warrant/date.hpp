// Calendar dates (proleptic Gregorian, no time of day) and the month arithmetic a policy declares.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace warrant {

// A calendar date, stored as days since 1970-01-01 so comparisons and day counts are integer ops.
struct Date {
    std::int32_t days = 0;
    friend auto operator<=>(const Date&, const Date&) = default;
};

struct YearMonthDay {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
};

// How adding N months lands when the target month is shorter than the start day.
enum class MonthRule : std::uint8_t {
    Clamp,     // 2024-01-31 + 1 month = 2024-02-29: the target month's last day
    Overflow,  // 2024-01-31 + 1 month = 2024-03-02: the excess days roll into the next month
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// nullopt unless the date exists (2025-02-30 does not); years 1..9999.
std::optional<Date> make_date(int year, int month, int day);
YearMonthDay to_ymd(Date date);

// Strict ISO 8601 calendar date, `YYYY-MM-DD`.
std::optional<Date> parse_iso_date(std::string_view text);
// Why `text` is not a date: "not in YYYY-MM-DD form" or "2025-02 has 28 days", for messages.
std::string describe_bad_date(std::string_view text);
std::string to_iso(Date date);
void append_iso(std::string& out, Date date);  // to_iso(date), appended to `out`

inline Date add_days(Date date, std::int32_t days) { return Date{date.days + days}; }
Date add_months(Date date, std::int32_t months, MonthRule rule);

}  // namespace warrant
