#pragma once
// Typed access to a request's JSON members, failing the way AWS's JSON layer does.
//
// AWS checks a request in three passes (dynalite validations/index.js mirrors them): member
// types (SerializationException, e.g. "class java.lang.Integer can not be converted to an
// String"), then declared constraints, all collected into one ValidationException ("2
// validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member
// must not be null; ..."), then the operation's own checks. Getters here do pass one;
// Constraints does pass two.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floci::dynamodb::api {

// Member getters over one JSON object. Absent and JSON null members are "not given" (AWS
// drops nulls); a member of the wrong JSON type throws SerializationException.
class Fields {
  public:
    explicit Fields(const boost::json::object& object) : object_(object) {}
    // The request body; SerializationException when it is not a JSON object.
    static Fields of(const boost::json::value* body);

    const boost::json::value* raw(std::string_view name) const;
    std::optional<std::string_view> string(std::string_view name) const;
    std::optional<std::int64_t> long_integer(std::string_view name) const;  // AWS "Long"
    std::optional<std::int64_t> integer(std::string_view name) const;       // AWS "Integer"
    std::optional<bool> boolean(std::string_view name) const;
    const boost::json::array* list(std::string_view name) const;
    const boost::json::object* structure(std::string_view name) const;
    const boost::json::object* map(std::string_view name) const;
    // A structure member's fields (empty object when absent).
    Fields nested(std::string_view name) const;

    const boost::json::object& object() const noexcept { return object_; }

  private:
    const boost::json::object& object_;
};

// Pass-one checks on a value that is not a named member (list elements and the like).
std::optional<std::string_view> as_string(const boost::json::value& value);
const boost::json::object* as_structure(const boost::json::value& value);

// AWS's rendering of a value in constraint messages: strings bare, null as "null".
std::string value_text(const boost::json::value* value);

// Collects constraint violations in the order they are checked; check() throws one
// ValidationException naming up to ten of them.
class Constraints {
  public:
    void not_null(const boost::json::value* value, std::string_view path);
    void one_of(std::optional<std::string_view> value, std::string_view path,
                std::initializer_list<std::string_view> allowed);
    // [a-zA-Z0-9_.-]+, 3..255: table and index names.
    void name(std::optional<std::string_view> value, std::string_view path);
    void min_value(std::optional<std::int64_t> value, std::string_view path, std::int64_t min);
    void max_value(std::optional<std::int64_t> value, std::string_view path, std::int64_t max);
    void min_length(const boost::json::value* value, std::size_t length, std::string_view path,
                    std::size_t min);
    void max_length(const boost::json::value* value, std::size_t length, std::string_view path,
                    std::size_t max);
    void add(std::string value_text, std::string_view path, std::string_view constraint);

    void check() const;
    bool empty() const noexcept { return errors_.empty(); }

  private:
    std::vector<std::string> errors_;
};

// "TableName must be at least 3 characters long and at most 255 characters long": the check
// CreateTable, DescribeTable, DeleteTable and UpdateTable make before any other constraint.
void check_table_name_length(std::optional<std::string_view> name);

bool is_valid_name(std::string_view name) noexcept;

}  // namespace floci::dynamodb::api
