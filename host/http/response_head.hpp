#pragma once
// The status line and headers of an HTTP/1.1 response, formatted by hand into one string.
// Beast's serializer costs several thousand instructions per response walking its buffer
// sequences (a tenth of a PutItem); a response here is a head string and a body, written
// together with one gathered send.
#include <string>
#include <string_view>

namespace floci::host {

class ResponseHead {
  public:
    // Starts a new head: "HTTP/1.1 <status> <reason>\r\n".
    void start(unsigned status);
    // Adds "name: value\r\n". Names or values with CR or LF are dropped: a plugin or a
    // reflected request header must never split the response.
    void add(std::string_view name, std::string_view value);
    // Adds Content-Length (except where HTTP forbids a body: 1xx, 204, 304), Connection:
    // close when the connection ends after this response, and the blank line.
    void finish(std::size_t content_length, bool keep_alive);

    const std::string& text() const noexcept { return text_; }
    unsigned status() const noexcept { return status_; }
    // Whether this status may carry a body (and a Content-Length).
    static bool allows_body(unsigned status) noexcept;

  private:
    std::string text_;
    unsigned status_ = 200;
};

}  // namespace floci::host
