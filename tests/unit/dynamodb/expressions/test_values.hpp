#pragma once
// Shorthands for the expression tests.
#include <gtest/gtest.h>

#include <floci/sdk/aws_error.hpp>
#include <functional>
#include <string>

#include "expressions/ast.hpp"
#include "expressions/resolve.hpp"
#include "model/attribute_value.hpp"

namespace floci::dynamodb::expr::testing {

inline AttributeValue S(std::string s) { return AttributeValue(std::move(s)); }
inline AttributeValue N(std::string_view n) { return AttributeValue(Number::parse(n)); }
inline AttributeValue B(std::string bytes) { return AttributeValue(Binary{std::move(bytes)}); }
inline AttributeValue Bool(bool b) { return AttributeValue(b); }
inline AttributeValue Nul() { return AttributeValue(Null{}); }
inline AttributeValue L(AttributeList l) { return AttributeValue(std::move(l)); }
inline AttributeValue M(AttributeMap m) { return AttributeValue(std::move(m)); }
inline AttributeValue SS(std::vector<std::string> s) {
    return AttributeValue(StringSet{std::move(s)});
}
inline AttributeValue NS(std::vector<std::string_view> s) {
    NumberSet set;
    for (auto n : s) set.members.push_back(Number::parse(n));
    return AttributeValue(std::move(set));
}
inline AttributeValue BS(std::vector<std::string> s) {
    return AttributeValue(BinarySet{std::move(s)});
}

inline const NameMap kNoNames;
inline const ValueMap kNoValues;

// The message of the ValidationException `fn` throws, or "<no error>".
inline std::string validation_message(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const sdk::AwsError& e) {
        if (e.type() != "ValidationException") return "<" + e.type() + ">: " + e.message();
        return e.message();
    }
    return "<no error>";
}

}  // namespace floci::dynamodb::expr::testing
