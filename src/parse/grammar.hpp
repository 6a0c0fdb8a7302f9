// The policy language's grammar in PEGTL. It mirrors grammar/policy.peg rule for rule, with the
// same names in the same order (tests/unit/grammar_sync_test.cpp keeps them in step). The only
// additions are the keyword and punctuation tokens (`*_kw`, `*_p`), which the .peg writes as
// quoted text. Every token eats the white space and comments after it; nothing else does.
#pragma once

#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace warrant::grammar {

using namespace tao::pegtl;

// clang-format off
struct sp;
struct comment;
struct idchar       : ranges< 'a', 'z', 'A', 'Z', '0', '9', '_' > {};
// A whole word. It gives back what it read when it fails, even inside `must<>` (where PEGTL
// does not rewind), so that an error is placed where the word starts: `period` on the next line
// is not `per` followed by the clause id `iod`.
template< typename S > struct word : seq< S, not_at< idchar > > {
    template< apply_mode A, rewind_mode, template< typename... > class Action, template< typename... > class Control,
              typename ParseInput, typename... States >
    [[nodiscard]] static bool match( ParseInput& in, States&&... st ) {
        return seq< S, not_at< idchar > >::template match< A, rewind_mode::required, Action, Control >( in, st... );
    }
};
template< typename S > struct kw   : seq< word< S >, sp > {};
template< char C >     struct punct : seq< one< C >, sp > {};
template< typename R > struct tok  : seq< R, sp > {};

struct policy_kw      : kw< TAO_PEGTL_STRING( "policy" ) > {};
struct region_kw      : kw< TAO_PEGTL_STRING( "region" ) > {};
struct source_kw      : kw< TAO_PEGTL_STRING( "source" ) > {};
struct effective_kw   : kw< TAO_PEGTL_STRING( "effective" ) > {};
struct file_kw        : kw< TAO_PEGTL_STRING( "file" ) > {};
struct calendar_kw    : kw< TAO_PEGTL_STRING( "calendar" ) > {};
struct months_kw      : kw< TAO_PEGTL_STRING( "months" ) > {};
struct last_day_kw    : kw< TAO_PEGTL_STRING( "last_day" ) > {};
struct clause_kw      : kw< TAO_PEGTL_STRING( "clause" ) > {};
struct part_kw        : kw< TAO_PEGTL_STRING( "part" ) > {};
struct service_kw     : kw< TAO_PEGTL_STRING( "service" ) > {};
struct outcome_kw     : kw< TAO_PEGTL_STRING( "outcome" ) > {};
struct default_kw     : kw< TAO_PEGTL_STRING( "default" ) > {};
struct series_kw      : kw< TAO_PEGTL_STRING( "series" ) > {};
struct model_kw       : kw< TAO_PEGTL_STRING( "model" ) > {};
struct alias_kw       : kw< TAO_PEGTL_STRING( "alias" ) > {};
struct period_kw      : kw< TAO_PEGTL_STRING( "period" ) > {};
struct for_kw         : kw< TAO_PEGTL_STRING( "for" ) > {};
struct when_kw        : kw< TAO_PEGTL_STRING( "when" ) > {};
struct via_kw         : kw< TAO_PEGTL_STRING( "via" ) > {};
struct list_kw        : kw< TAO_PEGTL_STRING( "list" ) > {};
struct eos_kw         : kw< TAO_PEGTL_STRING( "end_of_service" ) > {};
struct rule_kw        : kw< TAO_PEGTL_STRING( "rule" ) > {};
struct then_kw        : kw< TAO_PEGTL_STRING( "then" ) > {};
struct or_kw          : kw< TAO_PEGTL_STRING( "or" ) > {};
struct and_kw         : kw< TAO_PEGTL_STRING( "and" ) > {};
struct not_kw         : kw< TAO_PEGTL_STRING( "not" ) > {};
struct is_kw          : kw< TAO_PEGTL_STRING( "is" ) > {};
struct claimed_kw     : kw< TAO_PEGTL_STRING( "claimed" ) > {};
struct within_kw      : kw< TAO_PEGTL_STRING( "within" ) > {};
struct after_kw       : kw< TAO_PEGTL_STRING( "after" ) > {};
struct purchased_kw   : kw< TAO_PEGTL_STRING( "purchased" ) > {};
struct outside_kw     : kw< TAO_PEGTL_STRING( "outside" ) > {};
struct in_kw          : kw< TAO_PEGTL_STRING( "in" ) > {};
struct any_kw         : kw< TAO_PEGTL_STRING( "any" ) > {};
struct exclusion_kw   : kw< TAO_PEGTL_STRING( "exclusion" ) > {};
struct requirement_kw : kw< TAO_PEGTL_STRING( "requirement" ) > {};
struct unmet_kw       : kw< TAO_PEGTL_STRING( "unmet" ) > {};
struct per_kw         : kw< TAO_PEGTL_STRING( "per" ) > {};
struct last_repair_kw : kw< TAO_PEGTL_STRING( "last_repair" ) > {};
struct invariant_kw   : kw< TAO_PEGTL_STRING( "invariant" ) > {};
struct require_kw     : kw< TAO_PEGTL_STRING( "require" ) > {};
struct every_kw       : kw< TAO_PEGTL_STRING( "every" ) > {};
struct example_kw     : kw< TAO_PEGTL_STRING( "example" ) > {};
struct claim_kw       : kw< TAO_PEGTL_STRING( "claim" ) > {};
struct facts_kw       : kw< TAO_PEGTL_STRING( "facts" ) > {};
struct expect_kw      : kw< TAO_PEGTL_STRING( "expect" ) > {};
struct until_kw       : kw< TAO_PEGTL_STRING( "until" ) > {};
struct by_kw          : kw< TAO_PEGTL_STRING( "by" ) > {};
struct none_kw        : kw< TAO_PEGTL_STRING( "none" ) > {};
struct count_kw       : kw< TAO_PEGTL_STRING( "count" ) > {};
struct date_kw        : kw< TAO_PEGTL_STRING( "date" ) > {};
struct choice_kw      : kw< TAO_PEGTL_STRING( "choice" ) > {};
struct given_kw       : kw< TAO_PEGTL_STRING( "given" ) > {};
struct from_kw        : kw< TAO_PEGTL_STRING( "from" ) > {};
struct extended_kw    : kw< TAO_PEGTL_STRING( "extended" ) > {};
struct days_kw        : kw< TAO_PEGTL_STRING( "days" ) > {};
struct at_kw          : kw< TAO_PEGTL_STRING( "at" ) > {};
struct least_kw       : kw< TAO_PEGTL_STRING( "least" ) > {};
struct warranty_kw    : kw< TAO_PEGTL_STRING( "warranty" ) > {};
struct purchase_kw    : kw< TAO_PEGTL_STRING( "purchase" ) > {};
struct equals_p       : punct< '=' > {};
struct open_brace_p   : punct< '{' > {};
struct close_brace_p  : punct< '}' > {};
struct open_paren_p   : punct< '(' > {};
struct close_paren_p  : punct< ')' > {};
struct comma_p        : punct< ',' > {};
struct open_bracket_p : punct< '[' > {};
struct close_bracket_p : punct< ']' > {};
struct series_close_p : punct< '}' > {};   // separate from close_brace_p: each has its own message

// A reserved word (grammar/policy.peg's `keyword`): the identifier ahead is read once and
// looked up, instead of trying every word in turn. A name is checked at every name, so on a
// large catalogue the ordered choice of 70 words was the parser's largest single cost.
// tests/unit/grammar_test.cpp checks that the words are the .peg's.
inline constexpr std::string_view reserved_words[] = {
    "policy", "region", "source", "effective", "calendar", "months", "month", "days", "day",
    "last_day", "clause", "part", "service", "outcome", "fact", "exclusion", "requirement",
    "true", "false", "series", "model", "alias", "period", "for", "when", "via", "list",
    "end_of_service", "rule", "then", "or", "and", "not", "is", "claimed", "within", "warranty",
    "after", "purchase", "last_repair", "purchased", "outside", "in", "any", "unmet", "per",
    "invariant", "require", "example", "claim", "facts", "expect", "until", "by", "given", "from",
};
struct reserved_word {
    using rule_t = reserved_word;
    using subs_t = empty_list;
    template< typename ParseInput >
    static bool match( ParseInput& in ) {
        const char* text = in.current();
        const std::size_t available = in.size( 16 );
        std::size_t n = 0;
        while( n < available && n <= 16 && is_idchar( text[ n ] ) ) ++n;
        if( n == 0 || n > 16 ) return false;  // no reserved word is longer
        const std::string_view word( text, n );
        for( const std::string_view reserved : reserved_words ) {
            if( reserved == word ) {
                in.bump( n );
                return true;
            }
        }
        return false;
    }
    static constexpr bool is_idchar( char c ) {
        return ( c >= 'a' && c <= 'z' ) || ( c >= 'A' && c <= 'Z' ) || ( c >= '0' && c <= '9' ) || c == '_';
    }
};

// ---- grammar/policy.peg, in order -------------------------------------------------------
// Forward declarations let every rule below stand in the .peg's order.
struct statement; struct policy_decl; struct policy_item; struct region_item; struct source_item; struct source_file;
struct effective_item; struct calendar_decl; struct calendar_item; struct months_item;
struct month_rule; struct last_day_item; struct last_day_rule; struct clause_decl; struct part_decl;
struct service_decl; struct outcome_decl; struct fact_decl; struct fact_kind; struct fact_type;
struct count_type; struct date_type; struct choice_type; struct value_set; struct default_value;
struct boolean; struct series_decl; struct model_decl; struct aliases; struct period_decl;
struct period_start; struct start_date; struct extension; struct period_floor; struct floor_anchor; struct warranty_decl; struct warranty_from; struct duration; struct unit; struct targets; struct target; struct series_target;
struct period_when; struct services; struct list_decl; struct eos_decl; struct model_block;
struct model_ref; struct rule_decl; struct rule_when; struct condition; struct conjunction;
struct negation; struct inverted; struct primary; struct parenthesized; struct predicate;
struct part_test; struct part_is; struct part_in; struct negated; struct within_test; struct warranty_span; struct after_span;
struct anchor; struct eos_test; struct outside_test; struct date_test; struct claim_date;
struct member_test; struct any_exclusion; struct any_unmet; struct fact_test; struct fact_operation;
struct is_test; struct in_test; struct value_compare; struct fact_within; struct citation; struct name; struct identifier;
struct clause_id; struct string; struct string_end; struct escape; struct escape_char;
struct date; struct integer; struct keyword; struct place_keyword;
struct invariant_decl; struct model_set; struct every_model; struct list_target;
struct model_condition; struct model_conj; struct model_neg; struct model_not;
struct model_primary; struct model_parens; struct model_pred; struct period_bound;
struct eos_bound; struct comparison; struct example_decl; struct claim_spec; struct claim_item;
struct claim_model; struct claim_part; struct claim_bought_in; struct claim_purchased;
struct claim_claimed; struct claim_last_repair; struct claim_region; struct claim_facts;
struct fact_setting; struct fact_literal; struct expectation; struct expected_until; struct expected_by;

struct file            : seq< sp, star< statement >, eof > {};
struct statement       : sor< policy_decl, calendar_decl, clause_decl, part_decl, service_decl,
                              outcome_decl, fact_decl, series_decl, period_decl, list_decl,
                              eos_decl, warranty_decl, rule_decl, invariant_decl, example_decl > {};

struct policy_decl     : if_must< policy_kw, string, star< policy_item > > {};
struct policy_item     : sor< region_item, source_item, effective_item > {};
struct region_item     : if_must< region_kw, name, opt< string > > {};
struct source_item     : if_must< source_kw, string, opt< source_file > > {};
struct source_file     : if_must< file_kw, string > {};
struct effective_item  : if_must< effective_kw, date > {};

struct calendar_decl   : if_must< calendar_kw, plus< calendar_item > > {};
struct calendar_item   : sor< months_item, last_day_item > {};
struct months_item     : if_must< months_kw, month_rule > {};
struct month_rule      : tok< sor< word< TAO_PEGTL_STRING( "clamp" ) >, word< TAO_PEGTL_STRING( "overflow" ) > > > {};
struct last_day_item   : if_must< last_day_kw, last_day_rule > {};
struct last_day_rule   : tok< sor< word< TAO_PEGTL_STRING( "covered" ) >, word< TAO_PEGTL_STRING( "excluded" ) > > > {};

struct clause_decl     : if_must< clause_kw, clause_id, string > {};

struct part_decl       : if_must< part_kw, name, opt< string > > {};
struct service_decl    : if_must< service_kw, name, opt< string >, opt< citation > > {};
struct outcome_decl    : if_must< outcome_kw, name, opt< string > > {};
struct fact_decl       : if_must< fact_kind, name, opt< string >, opt< fact_type >, opt< default_value >, opt< citation > > {};
struct fact_kind       : tok< sor< word< TAO_PEGTL_STRING( "fact" ) >, word< TAO_PEGTL_STRING( "exclusion" ) >,
                                   word< TAO_PEGTL_STRING( "requirement" ) > > > {};
struct fact_type       : sor< count_type, date_type, choice_type > {};
struct count_type      : seq< count_kw > {};
struct date_type       : seq< date_kw > {};
struct choice_type     : if_must< choice_kw, value_set > {};
struct value_set       : if_must< open_bracket_p, list_must< name, comma_p >, close_bracket_p > {};
struct default_value   : if_must< default_kw, sor< boolean, integer, name > > {};
struct boolean         : tok< sor< word< TAO_PEGTL_STRING( "true" ) >, word< TAO_PEGTL_STRING( "false" ) > > > {};

struct series_decl     : if_must< series_kw, name, opt< string >, open_brace_p, star< model_decl >, series_close_p > {};
struct model_decl      : if_must< model_kw, string, opt< aliases > > {};
struct aliases         : if_must< alias_kw, list_must< string, comma_p > > {};

struct period_decl     : if_must< period_kw, name, duration, opt< period_start >, opt< extension >, opt< period_floor >, opt< targets >, opt< period_when >, opt< services >, citation > {};
struct period_start    : if_must< sor< from_kw, after_kw >, start_date > {};
struct start_date      : sor< purchase_kw, name > {};
struct extension       : if_must< extended_kw, by_kw, name, opt< days_kw > > {};
struct period_floor    : if_must< at_kw, least_kw, duration, after_kw, floor_anchor > {};
struct floor_anchor    : sor< last_repair_kw, name > {};
struct duration        : seq< integer, must< unit > > {};
struct unit            : tok< sor< word< TAO_PEGTL_STRING( "days" ) >, word< TAO_PEGTL_STRING( "day" ) >,
                                   word< TAO_PEGTL_STRING( "months" ) >, word< TAO_PEGTL_STRING( "month" ) > > > {};
struct targets         : if_must< for_kw, list_must< target, comma_p > > {};
struct target          : sor< series_target, model_ref > {};
struct series_target   : if_must< series_kw, name > {};
struct period_when     : if_must< when_kw, condition > {};
struct services        : if_must< via_kw, list_must< name, comma_p > > {};

struct list_decl       : if_must< list_kw, name, opt< string >, opt< citation >, model_block > {};
struct eos_decl        : if_must< eos_kw, date, opt< citation >, model_block > {};
struct model_block     : if_must< open_brace_p, opt< model_ref, star< comma_p, model_ref >, opt< comma_p > >, close_brace_p > {};
struct model_ref       : seq< string > {};

struct warranty_decl   : if_must< warranty_kw, sor< warranty_from, extension >, citation > {};
struct warranty_from   : if_must< from_kw, start_date > {};

struct rule_decl       : if_must< rule_kw, name, citation, opt< rule_when >, then_kw, name > {};
struct rule_when       : if_must< when_kw, condition > {};

struct condition       : seq< conjunction, star< or_kw, must< conjunction > > > {};
struct conjunction     : seq< negation, star< and_kw, must< negation > > > {};
struct negation        : sor< inverted, primary > {};
struct inverted        : if_must< not_kw, negation > {};
struct primary         : sor< parenthesized, predicate > {};
struct parenthesized   : if_must< open_paren_p, condition, close_paren_p > {};
struct predicate       : sor< part_test, within_test, eos_test, outside_test, date_test,
                              member_test, any_exclusion, any_unmet, fact_test > {};
struct part_test       : if_must< part_kw, sor< part_is, part_in > > {};
struct part_is         : if_must< is_kw, opt< negated >, name > {};
struct part_in         : seq< opt< negated >, in_kw, must< value_set > > {};
struct negated         : seq< not_kw > {};
struct within_test     : seq< claimed_kw, within_kw, must< sor< warranty_span, after_span > > > {};
struct warranty_span   : seq< warranty_kw > {};
struct after_span      : seq< duration, must< after_kw, anchor > > {};
struct anchor          : sor< tok< sor< word< TAO_PEGTL_STRING( "purchase" ) >, word< TAO_PEGTL_STRING( "last_repair" ) > > >, name > {};
struct eos_test        : seq< claimed_kw, after_kw, must< eos_kw > > {};
struct outside_test    : seq< purchased_kw, outside_kw, must< region_kw > > {};
struct date_test       : seq< claim_date, comparison, must< sor< date, name > > > {};
struct claim_date      : tok< sor< word< TAO_PEGTL_STRING( "purchased" ) >, word< TAO_PEGTL_STRING( "claimed" ) > > > {};
struct member_test     : if_must< model_kw, in_kw, sor< series_target, name > > {};
struct any_exclusion   : seq< any_kw, exclusion_kw > {};
struct any_unmet       : seq< any_kw, requirement_kw, must< unmet_kw > > {};
struct fact_test       : seq< name, opt< fact_operation > > {};
struct fact_operation  : sor< is_test, in_test, value_compare, fact_within > {};
struct is_test         : if_must< is_kw, opt< negated >, sor< given_kw, name > > {};
struct in_test         : seq< opt< negated >, in_kw, must< value_set > > {};
struct value_compare   : if_must< comparison, sor< date, integer, claim_date, name > > {};
struct fact_within     : if_must< within_kw, after_span > {};

struct invariant_decl  : if_must< invariant_kw, name, string, for_kw, model_set, require_kw, model_condition > {};
struct model_set       : sor< every_model, series_target, list_target > {};
struct every_model     : if_must< every_kw, model_kw > {};
struct list_target     : if_must< list_kw, name > {};
struct model_condition : seq< model_conj, star< or_kw, must< model_conj > > > {};
struct model_conj      : seq< model_neg, star< and_kw, must< model_neg > > > {};
struct model_neg       : sor< model_not, model_primary > {};
struct model_not       : if_must< not_kw, model_neg > {};
struct model_primary   : sor< model_parens, model_pred > {};
struct model_parens    : if_must< open_paren_p, model_condition, close_paren_p > {};
struct model_pred      : sor< period_bound, eos_bound, member_test > {};
struct period_bound    : if_must< period_kw, name, comparison, duration > {};
struct eos_bound       : if_must< eos_kw, opt< comparison, must< date > > > {};
struct comparison      : seq< sor< tao::pegtl::string< '>', '=' >, tao::pegtl::string< '<', '=' >, one< '>' >, one< '<' >, one< '=' > >, sp > {};

struct example_decl    : if_must< example_kw, name, opt< string >, claim_spec, expectation > {};
struct claim_spec      : if_must< claim_kw, plus< claim_item > > {};
struct claim_item      : sor< claim_model, claim_part, claim_bought_in, claim_purchased, claim_claimed,
                              claim_last_repair, claim_region, claim_facts > {};
struct claim_model     : if_must< model_kw, string > {};
struct claim_part      : if_must< part_kw, name > {};
struct claim_bought_in : seq< purchased_kw, in_kw, must< name > > {};
struct claim_purchased : if_must< purchased_kw, date > {};
struct claim_claimed   : if_must< claimed_kw, date > {};
struct claim_last_repair : if_must< last_repair_kw, date > {};
struct claim_region    : if_must< region_kw, name > {};
struct claim_facts     : if_must< facts_kw, list_must< fact_setting, comma_p > > {};
struct fact_setting    : seq< name, opt< equals_p, must< fact_literal > > > {};
struct fact_literal    : sor< boolean, date, integer, name > {};
struct expectation     : if_must< expect_kw, name, opt< expected_until >, opt< expected_by > > {};
struct expected_until  : if_must< until_kw, sor< date, none_kw > > {};
struct expected_by     : if_must< by_kw, list_must< clause_id, comma_p > > {};

struct citation        : if_must< per_kw, clause_id > {};
struct name            : seq< not_at< keyword >, identifier, sp > {};
struct identifier      : seq< ranges< 'a', 'z', 'A', 'Z', '_' >, star< idchar > > {};
struct clause_id       : seq< idchar, star< sor< idchar, one< '.', '-' > > >, sp > {};
struct string          : seq< one< '"' >, star< sor< escape, not_one< '"', '\\', '\n', '\r' > > >, must< string_end >, sp > {};
struct string_end      : one< '"' > {};
struct escape          : if_must< one< '\\' >, escape_char > {};
struct escape_char     : one< '"', '\\', 'n' > {};
struct date            : seq< rep< 4, digit >, one< '-' >, rep< 2, digit >, one< '-' >, rep< 2, digit >, not_at< idchar >, sp > {};
struct integer         : seq< plus< digit >, not_at< idchar >, sp > {};
struct keyword         : reserved_word {};
// Not reserved: the rules that use these words match them where they stand (`last_day_rule`,
// `fact_type`, ...); this rule only lists them, for the .peg and the editor grammar.
struct place_keyword   : sor< word< TAO_PEGTL_STRING( "clamp" ) >, word< TAO_PEGTL_STRING( "overflow" ) >,
                              word< TAO_PEGTL_STRING( "covered" ) >, word< TAO_PEGTL_STRING( "excluded" ) >,
                              word< TAO_PEGTL_STRING( "default" ) >, word< TAO_PEGTL_STRING( "count" ) >,
                              word< TAO_PEGTL_STRING( "date" ) >, word< TAO_PEGTL_STRING( "choice" ) >,
                              word< TAO_PEGTL_STRING( "none" ) >, word< TAO_PEGTL_STRING( "file" ) >,
                              word< TAO_PEGTL_STRING( "every" ) >, word< TAO_PEGTL_STRING( "extended" ) >,
                              word< TAO_PEGTL_STRING( "at" ) >, word< TAO_PEGTL_STRING( "least" ) > > {};
struct sp              : star< sor< one< ' ', '\t', '\r', '\n' >, comment > > {};
struct comment         : seq< one< '#' >, star< not_one< '\n' > > > {};
// clang-format on

}  // namespace warrant::grammar

// For pegtl::analyze (tests/unit/grammar_test.cpp): a reserved word consumes input, as `any` does.
namespace tao::pegtl {
template< typename Name >
struct analyze_traits< Name, warrant::grammar::reserved_word > : analyze_any_traits<> {};
}  // namespace tao::pegtl
