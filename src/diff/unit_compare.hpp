// Comparing one model and part across two versions: the exact claim ranges answered
// differently, each with a verified witness.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "diff/claim_context.hpp"
#include "diff/clause_identity.hpp"
#include "diff/analysis.hpp"
#include "diff/wording.hpp"
#include "warrant/diff.hpp"

namespace warrant::diff {

struct UnitResult {
    std::vector<ClaimRange> ranges;
    std::vector<ClaimRange> reasons;
    std::size_t unverified = 0;
    std::size_t inconsistent = 0;
};

// The policies' region codes, and the places of purchase that claims are decided for.
struct Regions {
    std::string region;      // the new version's
    std::string old_region;  // the old version's, when it differs ignoring case; else empty
    std::vector<PurchasePlace> places;
};

// What a comparison reports: the answer ranges (verdict, warranty), the reason ranges, or both
// (when one fact space serves both).
enum class Compare : std::uint8_t { Both, Answers, Reasons };

// `base` gives the query fields of the unit: region, model spelling, part. `calendars` says
// which conventions lengths must show.
UnitResult compare_unit(const FactSpace& facts, const Side& before, const Side& after, const DiffQuery& base,
                        const Regions& regions, Date reference, CalendarNote calendars, const ClauseIdentity& ids, Compare what,
                        bool self_check);

// The period a version gives a fact class: its length (none: no period), the date fact it counts
// from when a claim gives it (one both versions declare; "": the purchase) and services.
struct PeriodView {
    std::optional<DiffLength> length;
    std::string from;
    std::vector<std::string> services;
    friend bool operator==(const PeriodView&, const PeriodView&) = default;
};
// The purchase days on which every period condition that compares the purchase with a fixed
// date holds alike (`purchased >= 2025-01-01`): a fact class gets one period per stretch.
// Unbounded on a side where `first` or `last` is none.
struct PurchaseStretch {
    std::optional<Date> first, last;
    bool contains(Date d) const { return (!first || d >= *first) && (!last || d <= *last); }
    // The day of the stretch nearest `reference`.
    Date nearest(Date reference) const;
};
// The stretches of the cuts of the periods either version may give the unit (its model and
// part), in order; one unbounded stretch when none compares the purchase with a date.
std::vector<PurchaseStretch> purchase_stretches(const Side& before, const Side& after);
std::size_t stretch_of(const std::vector<PurchaseStretch>& stretches, Date purchased);

// The period a version gives a fact class bought on `purchased`.
PeriodView period_view(const Side& side, const Side& other, const FactBits& facts, const FactValues& values, Date purchased);
// A purchase date in `stretch` on which the two periods' answers differ (ends or services), if
// there is one.
std::optional<Date> purchase_where_ends_differ(const PeriodView& a, const PeriodView& b, const PurchaseStretch& stretch,
                                               Date reference);
// Whether the answers differ for every purchase date of `stretch` (else only for some: 12
// months against 365 days differ only across a 29 February).
bool ends_always_differ(const PeriodView& a, const PeriodView& b, const PurchaseStretch& stretch, Date reference);

// ---- shared by the two halves of a comparison (verdicts here, warranty ends in warranty_ranges.cpp)

// A count that extends a period the unit (its model and part) may be given, in either version,
// moves the period's end by the claim's number of days. The diff compares the claims where every
// such count is 0, on which the periods end where they would unextended: claims_extended says
// whether a class gives one above 0 (and is passed over), extended_claims which claims those
// are, for the report's list of claims not compared.
bool claims_extended(const FactClass& fc, const Side& before, const Side& after);
std::vector<FactCondition> extended_claims(const Side& before, const Side& after);
// Why the unit's claims extended by a count are not compared, or "" when none are.
std::string extension_reason(const Side& before, const Side& after);

// Likewise a period that ends no earlier than a length after a date (`at least 90 days after
// last_repair`): the diff compares the claims that do not give the date, on which it ends where
// it would without. floor_anchors names the dates ("last_repair" or date facts), gives_anchor
// says whether a sample gives one (and is passed over), floor_reason why.
std::vector<std::string> floor_anchors(const Side& before, const Side& after);
bool gives_anchor(const DateSample& s, const DateSpace& ds, const std::vector<std::string>& anchors);
std::string floor_reason(const Side& before, const Side& after);

// What warranty ranges do not cut along yet, in words, or "": a period the unit (its model and
// part) may be given whose condition compares two date facts or tests a date fact the unit's periods
// also count from. (The purchase against a calendar date is cut into stretches; a date fact
// against a calendar date or in a window after the purchase, into dimensions.)
std::string period_beyond_cuts(const Side& side);
// The ranges where the warranty end or the services differ. Throws DiffLimit where the tests
// of one date fact combine differently from one purchase day to the next.
void add_warranty_ranges(UnitResult& result, const FactSpace& facts, const Side& before, const Side& after,
                         const DiffQuery& base, const std::string& region, Date reference, CalendarNote calendars);
// The query of a claim: `base` with the sample's dates, the class's facts and the place of purchase.
// `dates` names the sample's date facts.
DiffQuery witness_query(const DiffQuery& base, const DateSample& sample, const PurchasePlace& place, const FactClass& fc,
                        const DateSpace* dates = nullptr);
// Keeps `range` if its witness shows the difference it claims (counts it as unverified if not).
// A reason range is compared by the clauses' identities in `ids`, and gets its clauses here.
void add_verified(UnitResult& result, ClaimRange range, const Side& before, const Side& after, const ClauseIdentity* ids = nullptr);

}  // namespace warrant::diff
