// Unit tests of include/warrant/date.hpp: validity, strict ISO parsing, round trips, month
// arithmetic under both month rules, and the messages that explain a bad date.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "warrant/date.hpp"

using warrant::add_days;
using warrant::add_months;
using warrant::Date;
using warrant::days_in_month;
using warrant::describe_bad_date;
using warrant::is_leap_year;
using warrant::make_date;
using warrant::MonthRule;
using warrant::parse_iso_date;
using warrant::to_iso;
using warrant::to_ymd;

namespace {

Date d(int y, int m, int day) {
    const auto date = make_date(y, m, day);
    REQUIRE(date.has_value());
    return *date;
}

Date iso(const char* text) {
    const auto date = parse_iso_date(text);
    INFO("date " << text);
    REQUIRE(date.has_value());
    return *date;
}

std::string plus_months(const char* from, int months, MonthRule rule) { return to_iso(add_months(iso(from), months, rule)); }

// An independent day-by-day calendar, used as the oracle for the round trips.
struct Ymd {
    int y, m, day;
};
int oracle_days_in_month(int y, int m) {
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : lengths[m - 1];
}
Ymd next(Ymd x) {
    if (x.day < oracle_days_in_month(x.y, x.m)) return {x.y, x.m, x.day + 1};
    if (x.m < 12) return {x.y, x.m + 1, 1};
    return {x.y + 1, 1, 1};
}
std::string text(Ymd x) {
    char buf[40];  // room for any int, so the compiler sees no truncation
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", x.y, x.m, x.day);
    return buf;
}

}  // namespace

TEST_CASE("date: is_leap_year follows the Gregorian rule", "[date]") {
    CHECK(is_leap_year(2024));
    CHECK(is_leap_year(2000));
    CHECK(is_leap_year(1600));
    CHECK(is_leap_year(4));
    CHECK_FALSE(is_leap_year(2023));
    CHECK_FALSE(is_leap_year(1900));
    CHECK_FALSE(is_leap_year(2100));
    CHECK_FALSE(is_leap_year(1));
}

TEST_CASE("date: days_in_month", "[date]") {
    const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; ++m) {
        INFO("month " << m);
        CHECK(days_in_month(2023, m) == lengths[m - 1]);
        CHECK(days_in_month(2024, m) == (m == 2 ? 29 : lengths[m - 1]));
    }
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
}

TEST_CASE("date: make_date accepts exactly the dates that exist", "[date]") {
    SECTION("February and leap years") {
        CHECK_FALSE(make_date(2025, 2, 30));
        CHECK_FALSE(make_date(2025, 2, 29));
        CHECK(make_date(2024, 2, 29));
        CHECK_FALSE(make_date(2024, 2, 30));
        CHECK_FALSE(make_date(2023, 2, 29));
        CHECK(make_date(2023, 2, 28));
        CHECK_FALSE(make_date(1900, 2, 29));
        CHECK(make_date(2000, 2, 29));
        CHECK_FALSE(make_date(2100, 2, 29));
    }
    SECTION("month and day ranges") {
        CHECK_FALSE(make_date(2025, 13, 1));
        CHECK_FALSE(make_date(2025, 0, 1));
        CHECK_FALSE(make_date(2025, -1, 1));
        CHECK_FALSE(make_date(2025, 1, 0));
        CHECK_FALSE(make_date(2025, 1, -1));
        CHECK_FALSE(make_date(2025, 1, 32));
        CHECK_FALSE(make_date(2025, 4, 31));
        CHECK_FALSE(make_date(2025, 6, 31));
        CHECK_FALSE(make_date(2025, 9, 31));
        CHECK_FALSE(make_date(2025, 11, 31));
        CHECK(make_date(2025, 12, 31));
        CHECK(make_date(2025, 1, 31));
        CHECK(make_date(2025, 4, 30));
    }
    SECTION("years 1..9999") {
        CHECK_FALSE(make_date(0, 1, 1));
        CHECK_FALSE(make_date(-1, 1, 1));
        CHECK_FALSE(make_date(10000, 1, 1));
        CHECK(make_date(1, 1, 1));
        CHECK(make_date(9999, 12, 31));
    }
    SECTION("every day of two years, and nothing past a month's end") {
        for (int y : {2023, 2024}) {
            for (int m = 1; m <= 12; ++m) {
                for (int day = 1; day <= 31; ++day) {
                    INFO(y << "-" << m << "-" << day);
                    CHECK(make_date(y, m, day).has_value() == (day <= oracle_days_in_month(y, m)));
                }
            }
        }
    }
}

TEST_CASE("date: Date counts days since 1970-01-01", "[date]") {
    CHECK(d(1970, 1, 1).days == 0);
    CHECK(d(1970, 1, 2).days == 1);
    CHECK(d(1969, 12, 31).days == -1);
    CHECK(d(2000, 1, 1).days == 10957);
    CHECK(d(2024, 2, 29).days == 19782);
    CHECK(d(1600, 2, 29).days == -135081);
    CHECK(d(1, 1, 1).days == -719162);
    CHECK(d(9999, 12, 31).days == 2932896);
    CHECK(d(2024, 3, 1).days - d(2024, 2, 28).days == 2);
    CHECK(d(2023, 3, 1).days - d(2023, 2, 28).days == 1);
    CHECK(d(2024, 1, 1) < d(2024, 1, 2));
    CHECK(d(2023, 12, 31) < d(2024, 1, 1));
    CHECK(d(2024, 1, 1) == iso("2024-01-01"));
}

TEST_CASE("date: parse_iso_date is strict YYYY-MM-DD", "[date]") {
    SECTION("accepted") {
        CHECK(parse_iso_date("2025-01-01") == make_date(2025, 1, 1));
        CHECK(parse_iso_date("2024-02-29") == make_date(2024, 2, 29));
        CHECK(parse_iso_date("2000-02-29") == make_date(2000, 2, 29));
        CHECK(parse_iso_date("0001-01-01") == make_date(1, 1, 1));
        CHECK(parse_iso_date("9999-12-31") == make_date(9999, 12, 31));
        CHECK(parse_iso_date("1970-01-01")->days == 0);
    }
    SECTION("rejected") {
        const char* bad = GENERATE(as<const char*>{},
                                   "2025-1-01", "2025-01-1", "25-01-01", "2025/01/01", "2025.01.01", "20250101",
                                   " 2025-01-01", "2025-01-01 ", "2025-01-01x", "x2025-01-01", "2025-01-01T00:00",
                                   "2025-01-01\n", "", "2025", "2025-01", "+025-01-01", "-025-01-01", "2025-+1-01",
                                   "2025-0a-01", "2025-01-0x", "2025--1-01", "2025-01--1", "2025_01_01",
                                   "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x95-01-01",  // full-width digits
                                   "2025-02-30", "2025-02-29", "2023-02-29", "1900-02-29", "2025-13-01", "2025-00-10",
                                   "2025-01-00", "2025-01-32", "2025-04-31", "0000-01-01");
        INFO("text `" << bad << "`");
        CHECK_FALSE(parse_iso_date(bad).has_value());
    }
    SECTION("does not read past the view it is given") {
        const std::string_view text = std::string_view("2025-01-019").substr(0, 10);
        CHECK(parse_iso_date(text) == make_date(2025, 1, 1));
        const std::string_view short_view = std::string_view("2025-01-01").substr(0, 9);
        CHECK_FALSE(parse_iso_date(short_view).has_value());
    }
}

TEST_CASE("date: to_iso and parse_iso_date round trip every day from 1999-12-01 to 2001-03-31", "[date]") {
    Ymd expected{1999, 12, 1};
    Date day = d(1999, 12, 1);
    int count = 0;
    while (true) {
        const std::string want = text(expected);
        const std::string got = to_iso(day);
        if (got != want) FAIL("day " << day.days << ": to_iso gives " << got << ", expected " << want);
        const auto back = parse_iso_date(got);
        if (!back || *back != day) FAIL("parse_iso_date(" << got << ") does not give day " << day.days << " back");
        const auto ymd = to_ymd(day);
        if (ymd.year != expected.y || ymd.month != expected.m || ymd.day != expected.day) FAIL("to_ymd of " << want);
        if (make_date(expected.y, expected.m, expected.day) != day) FAIL("make_date of " << want);
        ++count;
        if (want == "2001-03-31") break;
        expected = next(expected);
        day = add_days(day, 1);
    }
    // 31 (Dec 1999) + 366 (2000, leap) + 31 + 28 + 31 (2001 to March)
    CHECK(count == 31 + 366 + 31 + 28 + 31);
}

TEST_CASE("date: to_iso round trips far dates", "[date]") {
    const char* dates[] = {"0001-01-01", "0001-12-31", "0004-02-29", "0099-12-31", "0100-03-01", "0400-02-29",
                           "1582-10-15", "1600-02-29", "1899-12-31", "1900-03-01", "1969-12-31", "1970-01-01",
                           "2038-01-19", "2100-02-28", "2100-03-01", "2400-02-29", "5000-06-15", "9999-12-31"};
    for (const char* t : dates) {
        INFO(t);
        const auto date = parse_iso_date(t);
        REQUIRE(date);
        CHECK(to_iso(*date) == t);
        CHECK(to_iso(add_days(add_days(*date, 1), -1)) == t);
    }
    CHECK(to_iso(add_days(iso("0001-01-01"), 365)) == "0002-01-01");
    CHECK(to_iso(add_days(iso("9999-12-30"), 1)) == "9999-12-31");
    CHECK(to_iso(add_days(iso("2100-02-28"), 1)) == "2100-03-01");
    CHECK(to_iso(add_days(iso("2000-02-28"), 1)) == "2000-02-29");
    // A 400-year cycle has 146097 days.
    CHECK(iso("2400-01-01").days - iso("2000-01-01").days == 146097);
}

TEST_CASE("date: to_iso pads to four-digit years and two-digit months and days", "[date]") {
    CHECK(to_iso(d(5, 3, 7)) == "0005-03-07");
    CHECK(to_iso(d(2025, 1, 9)) == "2025-01-09");
    CHECK(to_iso(Date{0}) == "1970-01-01");
}

TEST_CASE("date: add_months with MonthRule::Clamp lands on the target month's last day", "[date]") {
    const auto clamp = MonthRule::Clamp;
    CHECK(plus_months("2024-01-31", 1, clamp) == "2024-02-29");
    CHECK(plus_months("2023-01-31", 1, clamp) == "2023-02-28");
    CHECK(plus_months("2024-02-29", 24, clamp) == "2026-02-28");
    CHECK(plus_months("2024-02-29", 48, clamp) == "2028-02-29");
    CHECK(plus_months("2024-02-29", 12, clamp) == "2025-02-28");
    CHECK(plus_months("2024-03-31", 1, clamp) == "2024-04-30");
    CHECK(plus_months("2024-12-31", 2, clamp) == "2025-02-28");
    CHECK(plus_months("2024-08-31", 6, clamp) == "2025-02-28");
    CHECK(plus_months("2023-08-31", 6, clamp) == "2024-02-29");
    CHECK(plus_months("2018-08-31", 18, clamp) == "2020-02-29");
    CHECK(plus_months("2099-02-28", 12, clamp) == "2100-02-28");
    CHECK(plus_months("2099-12-31", 2, clamp) == "2100-02-28");
    CHECK(plus_months("2024-01-15", 1, clamp) == "2024-02-15");
    CHECK(plus_months("2024-02-28", 24, clamp) == "2026-02-28");
    CHECK(plus_months("2022-02-28", 24, clamp) == "2024-02-28");  // the same day, not the month's end
    CHECK(plus_months("2024-11-30", 1, clamp) == "2024-12-30");
    CHECK(plus_months("2024-12-15", 1, clamp) == "2025-01-15");
    CHECK(plus_months("2024-05-31", 12000, clamp) == "3024-05-31");
    CHECK(plus_months("2024-05-31", 0, clamp) == "2024-05-31");
}

TEST_CASE("date: add_months with MonthRule::Overflow rolls the excess days over", "[date]") {
    const auto over = MonthRule::Overflow;
    CHECK(plus_months("2024-01-31", 1, over) == "2024-03-02");
    CHECK(plus_months("2023-01-31", 1, over) == "2023-03-03");
    CHECK(plus_months("2024-01-30", 1, over) == "2024-03-01");
    CHECK(plus_months("2024-01-29", 1, over) == "2024-02-29");
    CHECK(plus_months("2024-02-29", 24, over) == "2026-03-01");
    CHECK(plus_months("2024-02-29", 48, over) == "2028-02-29");
    CHECK(plus_months("2024-03-31", 1, over) == "2024-05-01");
    CHECK(plus_months("2024-12-31", 2, over) == "2025-03-03");
    CHECK(plus_months("2024-01-15", 1, over) == "2024-02-15");
    CHECK(plus_months("2024-05-31", 0, over) == "2024-05-31");
}

TEST_CASE("date: add_months answers a sum asked again alike, whichever sums came between", "[date]") {
    // Sums asked last are kept per thread: the same day and count under the other rule, or
    // with another count, must not be answered from them.
    const Date jan31 = *parse_iso_date("2024-01-31");
    for (int round = 0; round < 3; ++round) {
        CHECK(to_iso(add_months(jan31, 1, MonthRule::Clamp)) == "2024-02-29");
        CHECK(to_iso(add_months(jan31, 1, MonthRule::Overflow)) == "2024-03-02");
        CHECK(to_iso(add_months(jan31, 2, MonthRule::Clamp)) == "2024-03-31");
        CHECK(to_iso(add_months(jan31, -2, MonthRule::Clamp)) == "2023-11-30");
        for (int k = 0; k < round * 3; ++k) (void)add_months(add_days(jan31, k), k, MonthRule::Clamp);  // other sums between
        CHECK(to_iso(add_months(add_days(jan31, 1), 1, MonthRule::Overflow)) == "2024-03-01");
    }
}

TEST_CASE("date: add_months takes negative counts", "[date]") {
    // The header declares the count as a signed std::int32_t.
    CHECK(plus_months("2024-03-31", -1, MonthRule::Clamp) == "2024-02-29");
    CHECK(plus_months("2024-03-31", -1, MonthRule::Overflow) == "2024-03-02");
    CHECK(plus_months("2025-03-31", -1, MonthRule::Clamp) == "2025-02-28");
    CHECK(plus_months("2024-01-15", -1, MonthRule::Clamp) == "2023-12-15");
    CHECK(plus_months("2025-01-15", -13, MonthRule::Clamp) == "2023-12-15");
    CHECK(plus_months("2024-02-29", -12, MonthRule::Clamp) == "2023-02-28");
    CHECK(plus_months("2024-02-29", -12, MonthRule::Overflow) == "2023-03-01");
    CHECK(plus_months("2024-02-29", -48, MonthRule::Clamp) == "2020-02-29");
    CHECK(plus_months("2026-02-28", -24, MonthRule::Clamp) == "2024-02-28");
    CHECK(plus_months("0002-01-31", -12, MonthRule::Clamp) == "0001-01-31");
}

TEST_CASE("date: add_months agrees with a year/month oracle for every start day and count", "[date]") {
    // Every day of 2023 and 2024, every count from -30 to 30 months, both rules.
    for (Date start = d(2023, 1, 1); start <= d(2024, 12, 31); start = add_days(start, 1)) {
        const auto s = to_ymd(start);
        for (int n = -30; n <= 30; ++n) {
            const int total = s.year * 12 + (s.month - 1) + n;
            const int y = total / 12, m = total % 12 + 1;
            const int last = oracle_days_in_month(y, m);
            const Date clamped = add_months(start, n, MonthRule::Clamp);
            const Date overflowed = add_months(start, n, MonthRule::Overflow);
            const Date expect_clamp = d(y, m, std::min(s.day, last));
            const Date expect_over = add_days(d(y, m, std::min(s.day, last)), std::max(0, s.day - last));
            if (clamped != expect_clamp || overflowed != expect_over) {
                FAIL(to_iso(start) << " + " << n << " months: clamp " << to_iso(clamped) << " (expected "
                                   << to_iso(expect_clamp) << "), overflow " << to_iso(overflowed) << " (expected "
                                   << to_iso(expect_over) << ")");
            }
        }
    }
    SUCCEED();
}

// The diff and the checks rely on this: under one rule, more months from one day always end
// later, so two such periods end apart, and in the same order, for every purchase
// (ends_always_differ in src/diff/warranty_ranges.cpp, order_fixed in src/claims/date_search.cpp).
TEST_CASE("date: more months from one day always end later, under either rule", "[date]") {
    const Date start = *make_date(2023, 1, 1);
    for (const MonthRule rule : {MonthRule::Clamp, MonthRule::Overflow}) {
        int out_of_order = 0;
        for (int d = 0; d < 1461; ++d) {
            const Date from = add_days(start, d);
            for (int months = 0; months < 48; ++months) {
                out_of_order += add_months(from, months, rule).days >= add_months(from, months + 1, rule).days;
            }
        }
        CHECK(out_of_order == 0);
    }
}

// ...and M months from any day span 28M - 3 to 31M + 3 days (order_fixed compares counts of
// days with counts of months by this).
TEST_CASE("date: M months from any day span 28M - 3 to 31M + 3 days, under either rule", "[date]") {
    const Date start = *make_date(2023, 1, 1);
    for (const MonthRule rule : {MonthRule::Clamp, MonthRule::Overflow}) {
        int outside = 0;
        for (int d = 0; d < 1461; ++d) {
            const Date from = add_days(start, d);
            for (int months = 0; months <= 120; ++months) {
                const int span = add_months(from, months, rule).days - from.days;
                outside += span < 28 * months - 3 || span > 31 * months + 3;
            }
        }
        CHECK(outside == 0);
    }
}

TEST_CASE("date: describe_bad_date says what is wrong", "[date]") {
    SECTION("a day past the month's end names the month and its length") {
        const std::string feb = describe_bad_date("2025-02-30");
        CHECK_THAT(feb, Catch::Contains("2025-02"));
        CHECK_THAT(feb, Catch::Contains("28"));
        CHECK_THAT(describe_bad_date("2023-02-29"), Catch::Contains("28"));
        CHECK_THAT(describe_bad_date("2024-02-30"), Catch::Contains("29"));
        CHECK_THAT(describe_bad_date("1900-02-29"), Catch::Contains("28"));
        CHECK_THAT(describe_bad_date("2025-04-31"), Catch::Contains("30"));
        CHECK_THAT(describe_bad_date("2025-01-32"), Catch::Contains("31"));
        CHECK_THAT(describe_bad_date("2025-01-00"), Catch::Contains("31"));
    }
    SECTION("a month out of range names the month") {
        CHECK_THAT(describe_bad_date("2025-13-01"), Catch::Contains("13"));
        CHECK_THAT(describe_bad_date("2025-13-01"), Catch::Contains("month"));
        CHECK_THAT(describe_bad_date("2025-00-01"), Catch::Contains("month"));
    }
    SECTION("year zero") {
        const std::string msg = describe_bad_date("0000-01-01");
        CHECK_FALSE(msg.empty());
        CHECK_THAT(msg, Catch::Contains("0001") || Catch::Contains("year"));
    }
    SECTION("text that is not YYYY-MM-DD shows the expected form") {
        for (const char* t : {"2025-1-01", "2025/01/01", " 2025-01-01", "2025-01-01x", "", "tomorrow", "01-01-2025"}) {
            INFO("text `" << t << "`");
            CHECK_THAT(describe_bad_date(t), Catch::Contains("YYYY-MM-DD"));
        }
    }
}

// Every byte at every place of a date, against a reading written out here one byte at a time:
// strict YYYY-MM-DD, whatever the byte (signs, spaces, high bytes, NUL).
TEST_CASE("date: parse_iso_date agrees with a byte-by-byte reading for every byte at every place", "[date]") {
    const auto by_bytes = [](const std::string& t) -> std::optional<Date> {
        if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
        int v[10] = {};
        for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (t[i] < '0' || t[i] > '9') return std::nullopt;
            v[i] = t[i] - '0';
        }
        return make_date(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[5] * 10 + v[6], v[8] * 10 + v[9]);
    };
    int accepted = 0;
    for (const std::string base : {"2024-02-29", "1999-12-31", "0001-01-01", "9999-09-19"}) {
        for (std::size_t at = 0; at < base.size(); ++at) {
            for (int byte = 0; byte < 256; ++byte) {
                std::string t = base;
                t[at] = static_cast<char>(byte);
                const auto want = by_bytes(t);
                if (parse_iso_date(t) != want) FAIL("byte " << byte << " at " << at << " of " << base);
                accepted += want.has_value();
            }
        }
    }
    CHECK(accepted > 100);  // the substitutions that still spell a date were read, too
}
