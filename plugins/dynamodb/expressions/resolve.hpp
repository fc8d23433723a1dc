#pragma once
// Resolve: substitutes #name and :value placeholders in parsed expressions, records which were
// used, and runs the checks that need the values (operand types, BETWEEN bounds, IN size,
// path depth, overlapping update/projection paths).
//
// Unused placeholders are an error only across the whole request, so one Resolver serves all
// the expressions of a request:
//
//   Resolver r(names, values);
//   r.resolve(update);                                  // in AWS's order for the operation:
//   r.resolve(condition, ExpressionKind::kCondition);   // UpdateItem: update, condition;
//   r.check_unused();                                   // Query: filter, projection, key.
#include <map>
#include <set>
#include <string>

#include "expressions/ast.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

using NameMap = std::map<std::string, std::string, std::less<>>;  // ExpressionAttributeNames
using ValueMap = AttributeMap;                                    // ExpressionAttributeValues

// AWS's limit on a document path's depth.
inline constexpr std::size_t kMaxPathDepth = 32;
// AWS's limit on the list of an IN.
inline constexpr std::size_t kMaxInOperands = 100;

// Checks the maps themselves, for a request that sent them: not empty, keys spelled
// "#name" / ":value", names not empty. Throws ValidationException with AWS's text.
void validate_attribute_names(const NameMap& names);
void validate_attribute_values(const ValueMap& values);

class Resolver {
  public:
    // Both maps must outlive the Resolver; pass empty maps for absent parameters.
    Resolver(const NameMap& names, const ValueMap& values) : names_(names), values_(values) {}
    // The Resolver keeps references: temporaries would dangle.
    Resolver(NameMap&&, const ValueMap&) = delete;
    Resolver(const NameMap&, ValueMap&&) = delete;
    Resolver(NameMap&&, ValueMap&&) = delete;

    // For ConditionExpression, FilterExpression and KeyConditionExpression.
    void resolve(Condition& condition, ExpressionKind kind);
    void resolve(UpdateExpression& update);
    void resolve(ProjectionExpression& projection);

    // "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}", then
    // the same for values.
    void check_unused() const;

  private:
    friend class ResolvePass;
    const NameMap& names_;
    const ValueMap& values_;
    std::set<std::string, std::less<>> used_names_;
    std::set<std::string, std::less<>> used_values_;
};

// AWS's rendering of a BETWEEN bound in messages: "AttributeValue: {N:5}".
std::string bound_text(const AttributeValue& value);

}  // namespace floci::dynamodb::expr
