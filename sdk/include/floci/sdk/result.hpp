#pragma once
// Result<T>: a value or an AwsError. Storage and cross-plugin calls report failure this way
// instead of throwing, because exceptions must not cross a shared-library boundary.
#include <floci/sdk/aws_error.hpp>
#include <optional>
#include <utility>
#include <variant>

namespace floci::sdk {

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(AwsError error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const AwsError& error() const { return std::get<1>(v_); }
    T& operator*() & { return value(); }
    T* operator->() { return &value(); }

  private:
    std::variant<T, AwsError> v_;
};

// Result<void>: success, or an error.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(AwsError error) : error_(std::in_place, std::move(error)) {}

    bool ok() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    const AwsError& error() const { return *error_; }

  private:
    std::optional<AwsError> error_;
};

using Status = Result<void>;

}  // namespace floci::sdk
