#pragma once
// Standard base64 (RFC 4648 section 4, with padding): the wire form of DynamoDB B and BS
// values. Decoding is strict in the way AWS's JSON layer is, so that a Blob AWS refuses is
// refused here too, with the reason it gives (dynalite validations/index.js, checkTypes Blob).
#include <string>
#include <string_view>

namespace floci::dynamodb {

// Appends the base64 text of `bytes` to `out`.
void base64_encode(std::string& out, std::string_view bytes);
std::string base64_encode(std::string_view bytes);

enum class Base64Error {
    kNone,
    kLength,         // length is not a multiple of 4
    kCharacter,      // a character outside A-Z a-z 0-9 + / =, or "=" before a non-"="
    kLastCharacter,  // bad padding, or non-zero bits in the last character before it
};

struct Base64Result {
    Base64Error error = Base64Error::kNone;
    char bad_character = 0;  // the offending character for kCharacter
    bool ok() const noexcept { return error == Base64Error::kNone; }
};

// Decodes `text` into `out` (replacing its contents). Checks run in AWS's order: length,
// then characters, then padding. "" decodes to no bytes.
Base64Result base64_decode(std::string_view text, std::string& out);

}  // namespace floci::dynamodb
