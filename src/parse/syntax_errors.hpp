// What to say when a committed rule (one under PEGTL's must<>) fails: one line per rule.
// The control's raise() reads this table; rules without an entry get the generic message.
#pragma once

#include "parse/grammar.hpp"
#include "warrant/diagnostic.hpp"

namespace warrant::grammar {

struct SyntaxError {
    Code code;
    const char* message;
};

// clang-format off
template< typename Rule > inline constexpr SyntaxError syntax_error{ Code::UnexpectedText, "unexpected text" };
template<> inline constexpr SyntaxError syntax_error< statement >      { Code::UnexpectedText, "expected a statement: `policy`, `calendar`, `clause`, `part`, `service`, `outcome`, `fact`, `exclusion`, `requirement`, `series`, `period`, `list`, `end_of_service`, `warranty`, `rule`, `invariant` or `example`" };
template<> inline constexpr SyntaxError syntax_error< name >           { Code::ExpectedName, "expected a name (letters, digits and `_`, not a keyword)" };
template<> inline constexpr SyntaxError syntax_error< string >         { Code::ExpectedString, "expected a quoted string" };
template<> inline constexpr SyntaxError syntax_error< string_end >     { Code::UnterminatedString, "this string is not closed: end it with `\"` on the same line" };
template<> inline constexpr SyntaxError syntax_error< escape_char >    { Code::UnterminatedString, "unknown escape in a string: write `\\\"`, `\\\\` or `\\n`" };
template<> inline constexpr SyntaxError syntax_error< date >           { Code::ExpectedDate, "expected a date written YYYY-MM-DD" };
template<> inline constexpr SyntaxError syntax_error< clause_id >      { Code::ExpectedClauseId, "expected a clause id such as `c2` or `c2.battery`" };
template<> inline constexpr SyntaxError syntax_error< citation >       { Code::ExpectedClauseId, "expected `per` and the id of the clause this encodes" };
template<> inline constexpr SyntaxError syntax_error< plus< calendar_item > > { Code::ExpectedKeyword, "expected `months` or `last_day` after `calendar`" };
template<> inline constexpr SyntaxError syntax_error< month_rule >     { Code::ExpectedKeyword, "expected `clamp` or `overflow`" };
template<> inline constexpr SyntaxError syntax_error< last_day_rule >  { Code::ExpectedKeyword, "expected `covered` or `excluded`" };
template<> inline constexpr SyntaxError syntax_error< boolean >        { Code::ExpectedKeyword, "expected `true` or `false`" };
template<> inline constexpr SyntaxError syntax_error< sor< boolean, integer, name > > { Code::ExpectedKeyword, "expected the default: `true` or `false`, a count such as `0`, or one of the choice's values" };
template<> inline constexpr SyntaxError syntax_error< value_set >      { Code::ExpectedKeyword, "expected the values in brackets, such as `[online, store]`" };
template<> inline constexpr SyntaxError syntax_error< close_bracket_p > { Code::ExpectedKeyword, "expected `,` between values, or `]` to close the list" };
template<> inline constexpr SyntaxError syntax_error< start_date >     { Code::ExpectedName, "expected `purchase` or a date the claim carries (a `fact ... date`)" };
template<> inline constexpr SyntaxError syntax_error< sor< warranty_from, extension > > { Code::ExpectedKeyword, "expected `from` and the date the warranty counts from, or `extended by` and a count of days: `warranty from purchase per CLAUSE`" };
template<> inline constexpr SyntaxError syntax_error< by_kw >          { Code::ExpectedKeyword, "expected `by` and the count of days that extends the warranty: `extended by repair_days`" };
template<> inline constexpr SyntaxError syntax_error< from_kw >        { Code::ExpectedKeyword, "expected `from` and the date the warranty counts from: `warranty from purchase per CLAUSE`" };
template<> inline constexpr SyntaxError syntax_error< sor< date, name > > { Code::ExpectedDate, "expected a date written YYYY-MM-DD, or a date the claim carries" };
template<> inline constexpr SyntaxError syntax_error< sor< given_kw, name > > { Code::ExpectedName, "expected `given` (a date the claim carries) or one of a choice's values after `is`" };
template<> inline constexpr SyntaxError syntax_error< sor< date, integer, claim_date, name > > { Code::ExpectedKeyword, "expected what to compare with: a number (`2`), a date (YYYY-MM-DD), `purchased`, `claimed` or a date fact" };
template<> inline constexpr SyntaxError syntax_error< fact_literal >   { Code::ExpectedKeyword, "expected the fact's value: `true`, `false`, a number, a date (YYYY-MM-DD) or a choice's value" };
template<> inline constexpr SyntaxError syntax_error< open_brace_p >   { Code::ExpectedKeyword, "expected `{`" };
template<> inline constexpr SyntaxError syntax_error< model_block >    { Code::ExpectedKeyword, "expected the models in braces: `{ \"Model A\", \"Model B\" }`" };
template<> inline constexpr SyntaxError syntax_error< close_brace_p >  { Code::ExpectedKeyword, "expected `,` between models, or `}` to close the block" };
template<> inline constexpr SyntaxError syntax_error< series_close_p > { Code::ExpectedKeyword, "expected `model` or `}`" };
template<> inline constexpr SyntaxError syntax_error< close_paren_p >  { Code::ExpectedKeyword, "expected `)`" };
template<> inline constexpr SyntaxError syntax_error< duration >       { Code::ExpectedDuration, "expected a duration such as `12 months` or `14 days`" };
template<> inline constexpr SyntaxError syntax_error< unit >           { Code::ExpectedDuration, "expected `days` or `months` after the number" };
template<> inline constexpr SyntaxError syntax_error< target >         { Code::ExpectedString, "expected a quoted model name or `series NAME`" };
template<> inline constexpr SyntaxError syntax_error< list_must< target, comma_p > > { Code::ExpectedString, "expected a quoted model name or `series NAME` after `for`" };
template<> inline constexpr SyntaxError syntax_error< list_must< name, comma_p > >   { Code::ExpectedName, "expected a name: a service after `via`, or a value inside `[...]`" };
template<> inline constexpr SyntaxError syntax_error< list_must< string, comma_p > > { Code::ExpectedString, "expected a quoted alias after `alias`" };
template<> inline constexpr SyntaxError syntax_error< condition >      { Code::ExpectedCondition, "expected a condition" };
template<> inline constexpr SyntaxError syntax_error< conjunction >    { Code::ExpectedCondition, "expected a condition after `or`" };
template<> inline constexpr SyntaxError syntax_error< negation >       { Code::ExpectedCondition, "expected a condition" };
template<> inline constexpr SyntaxError syntax_error< then_kw >        { Code::ExpectedKeyword, "expected `then` and the outcome" };
template<> inline constexpr SyntaxError syntax_error< is_kw >          { Code::ExpectedKeyword, "expected `is` after `part`" };
template<> inline constexpr SyntaxError syntax_error< sor< part_is, part_in > > { Code::ExpectedKeyword, "expected `is` or `in` after `part`" };
template<> inline constexpr SyntaxError syntax_error< sor< warranty_span, after_span > > { Code::ExpectedDuration, "expected `warranty` or a span such as `30 days after last_repair`" };
template<> inline constexpr SyntaxError syntax_error< after_span >     { Code::ExpectedDuration, "expected a span such as `15 days after purchase`" };
template<> inline constexpr SyntaxError syntax_error< after_kw >       { Code::ExpectedKeyword, "expected `after`" };
template<> inline constexpr SyntaxError syntax_error< anchor >         { Code::ExpectedKeyword, "expected `purchase`, `last_repair` or a date the claim carries (a `fact ... date`)" };
template<> inline constexpr SyntaxError syntax_error< eos_kw >         { Code::ExpectedKeyword, "expected `end_of_service` after `claimed after`" };
template<> inline constexpr SyntaxError syntax_error< outside_kw >     { Code::ExpectedKeyword, "expected `outside region`" };
template<> inline constexpr SyntaxError syntax_error< region_kw >      { Code::ExpectedKeyword, "expected `region`" };
template<> inline constexpr SyntaxError syntax_error< in_kw >          { Code::ExpectedKeyword, "expected `in` after `model`" };
template<> inline constexpr SyntaxError syntax_error< sor< series_target, name > > { Code::ExpectedName, "expected a list name or `series NAME`" };
template<> inline constexpr SyntaxError syntax_error< unmet_kw >       { Code::ExpectedKeyword, "expected `unmet` after `any requirement`" };
template<> inline constexpr SyntaxError syntax_error< for_kw >         { Code::ExpectedKeyword, "expected `for` and the models the invariant covers" };
template<> inline constexpr SyntaxError syntax_error< model_set >      { Code::ExpectedKeyword, "expected `every model`, `series NAME` or `list NAME`" };
template<> inline constexpr SyntaxError syntax_error< model_kw >       { Code::ExpectedKeyword, "expected `model`" };
template<> inline constexpr SyntaxError syntax_error< require_kw >     { Code::ExpectedKeyword, "expected `require` and what must hold of each model" };
template<> inline constexpr SyntaxError syntax_error< model_condition >{ Code::ExpectedCondition, "expected what must hold: `period PART >= DURATION`, `end_of_service`, `model in LIST`" };
template<> inline constexpr SyntaxError syntax_error< model_conj >     { Code::ExpectedCondition, "expected a requirement after `or`" };
template<> inline constexpr SyntaxError syntax_error< model_neg >      { Code::ExpectedCondition, "expected a requirement" };
template<> inline constexpr SyntaxError syntax_error< comparison >     { Code::ExpectedKeyword, "expected a comparison: `>=`, `<=`, `>`, `<` or `=`" };
template<> inline constexpr SyntaxError syntax_error< claim_spec >     { Code::ExpectedKeyword, "expected `claim` and the claim's model, part and dates" };
template<> inline constexpr SyntaxError syntax_error< plus< claim_item > > { Code::ExpectedKeyword, "expected `model`, `part`, `purchased`, `claimed`, `last_repair`, `region` or `facts`" };
template<> inline constexpr SyntaxError syntax_error< list_must< fact_setting, comma_p > > { Code::ExpectedName, "expected a fact name, optionally `= VALUE` (`= false`, `= 2`, `= 2025-03-10`, `= online`)" };
template<> inline constexpr SyntaxError syntax_error< expectation >    { Code::ExpectedKeyword, "expected `expect` and the outcome the claim must get" };
template<> inline constexpr SyntaxError syntax_error< sor< date, none_kw > > { Code::ExpectedDate, "expected the last covered day (YYYY-MM-DD) or `none`" };
template<> inline constexpr SyntaxError syntax_error< list_must< clause_id, comma_p > > { Code::ExpectedClauseId, "expected the ids of the clauses that decide" };
// clang-format on

}  // namespace warrant::grammar
