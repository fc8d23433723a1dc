#include "http/response_head.hpp"

#include <boost/beast/http/status.hpp>
#include <charconv>
#include <ostream>  // before Boost: boost/core/detail/string_view.hpp needs it complete

namespace floci::host {
namespace {

void append_number(std::string& out, std::size_t n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof(digits), n).ptr;
    out.append(digits, end);
}

bool has_line_break(std::string_view s) noexcept {
    return s.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

void ResponseHead::start(unsigned status) {
    namespace http = boost::beast::http;
    status_ = status;
    text_.clear();
    text_.append("HTTP/1.1 ");
    append_number(text_, status);
    text_.push_back(' ');
    auto reason = http::obsolete_reason(http::int_to_status(status));
    text_.append(reason.data(), reason.size());
    text_.append("\r\n");
}

void ResponseHead::add(std::string_view name, std::string_view value) {
    if (name.empty() || has_line_break(name) || has_line_break(value)) return;
    text_.append(name);
    text_.append(": ");
    text_.append(value);
    text_.append("\r\n");
}

bool ResponseHead::allows_body(unsigned status) noexcept {
    return status >= 200 && status != 204 && status != 304;
}

void ResponseHead::finish(std::size_t content_length, bool keep_alive) {
    if (allows_body(status_)) {
        text_.append("Content-Length: ");
        append_number(text_, content_length);
        text_.append("\r\n");
    }
    if (!keep_alive) text_.append("Connection: close\r\n");
    text_.append("\r\n");
}

}  // namespace floci::host
