#pragma once
// The parsed forms of DynamoDB's expression language. Parsing (parser.hpp) builds these with
// #name and :value placeholders still in place; resolving (resolve.hpp) substitutes them in
// place, after which evaluate.hpp, update.hpp and projection.hpp can run them. Plain value
// types: a request may copy them freely.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr {

// Which request parameter an expression came from; AWS names it in every message.
enum class ExpressionKind : std::uint8_t {
    kCondition,
    kFilter,
    kKeyCondition,
    kUpdate,
    kProjection
};

// "ConditionExpression", "FilterExpression", ...
std::string_view kind_name(ExpressionKind kind) noexcept;

// One step of a document path: `name`, `#ref` or `[3]`.
struct PathElement {
    enum class Kind : std::uint8_t { kName, kNameRef, kIndex };
    Kind kind = Kind::kName;
    std::string name;         // kName: the attribute name; kNameRef: "#ref"; kIndex: the digits
    std::uint32_t index = 0;  // kIndex, once validated
    std::size_t offset = 0;   // where the step starts in the expression text

    bool is_index() const noexcept { return kind == Kind::kIndex; }
};

struct Path {
    std::vector<PathElement> elements;

    // The attribute the path starts at (after resolving).
    const std::string& head() const { return elements.front().name; }
    // AWS's rendering in messages: "[a, b, [1]]".
    std::string to_string() const;
    friend bool operator==(const Path& a, const Path& b);
};

// A path, a :value, or a function call used as a value (size, if_not_exists, list_append, or a
// condition function in the wrong place, which validation rejects).
struct Operand {
    enum class Kind : std::uint8_t { kPath, kValue, kFunction };
    Kind kind = Kind::kPath;
    Path path;                            // kPath
    std::string name;                     // kValue: ":v"; kFunction: the function name
    std::vector<Operand> args;            // kFunction
    std::optional<AttributeValue> value;  // kValue, once resolved
    std::size_t offset = 0;
};

enum class CompareOp : std::uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };
std::string_view compare_op_text(CompareOp op) noexcept;  // "=", "<>", ...

struct Condition {
    enum class Kind : std::uint8_t { kCompare, kBetween, kIn, kAnd, kOr, kNot, kFunction };
    Kind kind = Kind::kCompare;
    CompareOp op = CompareOp::kEq;    // kCompare
    std::vector<Operand> operands;    // kCompare: 2; kBetween: 3; kIn: 1 + list; kFunction: args
    std::string function;             // kFunction
    std::vector<Condition> children;  // kAnd, kOr: 2; kNot: 1
};

// The right-hand side of SET, or the :value of ADD/DELETE (kind kOperand).
struct SetValue {
    enum class Kind : std::uint8_t { kOperand, kPlus, kMinus };
    Kind kind = Kind::kOperand;
    Operand left;
    Operand right;  // kPlus, kMinus
};

struct UpdateAction {
    enum class Kind : std::uint8_t { kSet, kRemove, kAdd, kDelete };
    Kind kind = Kind::kSet;
    Path path;
    SetValue value;          // not for kRemove
    std::size_t clause = 0;  // index of the SET/REMOVE/... clause it was written in
};

struct UpdateExpression {
    std::vector<UpdateAction> actions;  // in the order written
};

struct ProjectionExpression {
    std::vector<Path> paths;
};

std::string_view action_name(UpdateAction::Kind kind) noexcept;  // "SET", "REMOVE", ...

// Calls `fn` for every document path in the expression, in the order written (an update's
// action paths and the paths its values read).
using PathVisitor = std::function<void(const Path&)>;
void for_each_path(const Operand& operand, const PathVisitor& fn);
void for_each_path(const Condition& condition, const PathVisitor& fn);
void for_each_path(const UpdateExpression& update, const PathVisitor& fn);

}  // namespace floci::dynamodb::expr
