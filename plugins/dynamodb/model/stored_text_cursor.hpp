#pragma once
// A position in an item's stored text (write_item's compact DynamoDB JSON), shared by the
// readers that walk that text by hand (stored_item_size.cpp, stored_item_reader.cpp). Every
// step past the end or off the expected shape throws StoredTextMalformed, which those readers
// turn into "not understood" so that their callers fall back to a full JSON parse.
#include <string_view>

namespace floci::dynamodb {

struct StoredTextMalformed {};

class StoredTextCursor {
  public:
    explicit StoredTextCursor(std::string_view text)
        : at_(text.data()), end_(text.data() + text.size()) {}

  protected:
    char peek() const {
        if (at_ >= end_) throw StoredTextMalformed{};
        return *at_;
    }
    char next() {
        const char c = peek();
        ++at_;
        return c;
    }
    void expect(char c) {
        if (next() != c) throw StoredTextMalformed{};
    }
    // The value of the next character as a hexadecimal digit.
    int hex_digit() {
        const char c = next();
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw StoredTextMalformed{};
    }

    const char* at_;
    const char* end_;
};

}  // namespace floci::dynamodb
