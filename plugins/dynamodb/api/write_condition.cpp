#include "api/write_condition.hpp"

#include <boost/json/parse.hpp>
#include <floci/sdk/aws_error.hpp>

#include "expressions/evaluate.hpp"
#include "expressions/legacy.hpp"
#include "expressions/request_expressions.hpp"
#include "model/json_codec.hpp"

namespace floci::dynamodb::api {

void WriteCondition::read_members(const Fields& fields, Constraints& c) {
    auto on_failure = fields.string("ReturnValuesOnConditionCheckFailure");
    c.one_of(on_failure, "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
    return_old_on_failure_ = on_failure == "ALL_OLD";
}

void WriteCondition::read_expressions(const Fields& fields,
                                      std::span<const expr::ExpressionKind> order,
                                      std::span<const std::string_view> expressions,
                                      std::span<const std::string_view> legacy) {
    expr::check_expression_parameters(fields.object(), expressions, legacy);
    auto parsed = expr::read_expressions(fields.object(), order);
    condition_ = std::move(parsed.condition);
    update_ = std::move(parsed.update);
    if (const auto* expected = fields.raw("Expected")) {
        auto op = fields.string("ConditionalOperator").value_or("AND");
        condition_ = expr::condition_from_expected(*expected, op);
    }
}

void WriteCondition::check(const Item& item, bool exists) const {
    if (!condition_ || expr::evaluate(*condition_, item)) return;
    sdk::AwsError error("ConditionalCheckFailedException", "The conditional request failed");
    if (return_old_on_failure_ && exists) {
        std::string text;
        write_item(text, item);
        error.extra()["Item"] = boost::json::parse(text, {}, stored_item_parse_options());
    }
    throw error;
}

}  // namespace floci::dynamodb::api
