#pragma once
// A fresh directory per test, removed afterwards, for tests that need real files and fds.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace floci::test {

class TempDir {
  public:
    TempDir() {
        std::string pattern = ::testing::TempDir() + "floci-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

}  // namespace floci::test
