#include "http/request_id.hpp"

#include <cstdint>
#include <random>

namespace floci::host {
namespace {

std::uint64_t next_random() {
    // splitmix64 seeded once per thread from the OS.
    thread_local std::uint64_t state =
        (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

}  // namespace

void make_request_id(std::string& out) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t bits[2] = {next_random(), next_random()};
    // Version 4, variant 10xx.
    bits[0] = (bits[0] & 0xffffffffffff0fffull) | 0x0000000000004000ull;
    bits[1] = (bits[1] & 0x3fffffffffffffffull) | 0x8000000000000000ull;
    out.resize(36);
    int nibble = 0;
    for (int i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            out[i] = '-';
            continue;
        }
        const std::uint64_t word = bits[nibble / 16];
        out[i] = kHex[(word >> (60 - 4 * (nibble % 16))) & 0xf];
        ++nibble;
    }
}

}  // namespace floci::host
