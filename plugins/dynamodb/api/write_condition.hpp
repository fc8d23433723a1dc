#pragma once
// The condition a write checks against the current item: ConditionExpression (with its
// attribute names and values) or the legacy Expected + ConditionalOperator. The one place
// conditional writes hook into the expression engine.
#include <optional>
#include <span>
#include <string_view>

#include "api/request_fields.hpp"
#include "expressions/ast.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::api {

class WriteCondition {
  public:
    // Reads ReturnValuesOnConditionCheckFailure's constraint into `c` (pass two).
    void read_members(const Fields& fields, Constraints& c);
    // Pass three: parameter combinations, then the expressions in `order` (AWS's order for
    // the operation), then Expected. `expressions`/`legacy` name the operation's members.
    void read_expressions(const Fields& fields, std::span<const expr::ExpressionKind> order,
                          std::span<const std::string_view> expressions,
                          std::span<const std::string_view> legacy);

    const std::optional<expr::UpdateExpression>& update() const noexcept { return update_; }
    // Whether check() looks at the item at all (callers skip parsing it otherwise).
    bool has_condition() const noexcept { return condition_.has_value(); }

    // Throws ConditionalCheckFailedException "The conditional request failed" (with the
    // current item when ReturnValuesOnConditionCheckFailure is ALL_OLD) when `item` (empty
    // when absent) fails the condition.
    void check(const Item& item, bool exists) const;

  private:
    std::optional<expr::Condition> condition_;
    std::optional<expr::UpdateExpression> update_;
    bool return_old_on_failure_ = false;
};

}  // namespace floci::dynamodb::api
