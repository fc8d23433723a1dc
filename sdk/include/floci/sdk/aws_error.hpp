#pragma once
// The one error type of the SDK. Deep code inside a plugin throws it; the plugin's dispatch
// boundary catches it and renders it in the service's protocol (JSON `__type`/`message` for
// DynamoDB, XML `<Error><Code>` for S3). It never crosses a shared-library boundary as an
// exception: across plugins it travels inside Result<T>.
#include <boost/json/object.hpp>
#include <stdexcept>
#include <string>
#include <utility>

namespace floci::sdk {

class AwsError : public std::exception {
  public:
    AwsError(std::string type, std::string message, unsigned http_status = 400,
             boost::json::object extra = {})
        : type_(std::move(type)),
          message_(std::move(message)),
          status_(http_status),
          extra_(std::move(extra)) {}

    // The short code, e.g. "ValidationException"; the protocol adds any namespace prefix.
    const std::string& type() const noexcept { return type_; }
    const std::string& message() const noexcept { return message_; }
    unsigned http_status() const noexcept { return status_; }
    // Extra members rendered beside type and message (an Item, CancellationReasons, ...).
    const boost::json::object& extra() const noexcept { return extra_; }
    boost::json::object& extra() noexcept { return extra_; }
    const char* what() const noexcept override { return message_.c_str(); }

    static AwsError validation(std::string message) {
        return {"ValidationException", std::move(message)};
    }
    static AwsError serialization(std::string message) {
        return {"SerializationException", std::move(message)};
    }
    static AwsError resource_not_found(std::string message) {
        return {"ResourceNotFoundException", std::move(message)};
    }
    static AwsError resource_in_use(std::string message) {
        return {"ResourceInUseException", std::move(message)};
    }
    static AwsError unknown_operation(std::string message = {}) {
        return {"UnknownOperationException", std::move(message)};
    }
    static AwsError internal(std::string message) {
        return {"InternalServerError", std::move(message), 500};
    }

  private:
    std::string type_;
    std::string message_;
    unsigned status_;
    boost::json::object extra_;
};

}  // namespace floci::sdk
