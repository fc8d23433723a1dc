#include "config/config.hpp"

#include <gtest/gtest.h>

namespace floci::host {
namespace {

Config load(Environment env) { return load_config(env, 2); }

TEST(ConfigTest, DefaultsMatchTheReadme) {
    const Config config = load({});
    EXPECT_EQ(config.port, 4566);
    EXPECT_EQ(config.bind_address, "127.0.0.1");
    EXPECT_EQ(config.threads, 2u);
    EXPECT_EQ(config.default_region, "us-east-1");
    EXPECT_EQ(config.default_account_id, "000000000000");
    EXPECT_EQ(config.max_request_bytes, std::size_t{512} << 20);
    EXPECT_EQ(config.storage_mode, sdk::StorageMode::memory);
    EXPECT_EQ(config.storage_path, "./data");
    EXPECT_EQ(config.wal_compaction_interval_ms, 30000u);
    EXPECT_FALSE(config.cors.enabled());
}

TEST(ConfigTest, BadPortNamesTheVariable) {
    try {
        load({{"FLOCI_PORT", "abc"}});
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("FLOCI_PORT=abc"), std::string::npos);
    }
}

TEST(ConfigTest, OutOfRangeValuesAreRejected) {
    EXPECT_THROW(load({{"FLOCI_PORT", "65536"}}), ConfigError);
    EXPECT_THROW(load({{"FLOCI_THREADS", "0"}}), ConfigError);
    EXPECT_THROW(load({{"FLOCI_MAX_REQUEST_SIZE", "-1"}}), ConfigError);
    EXPECT_THROW(load({{"FLOCI_DEFAULT_ACCOUNT_ID", "12345"}}), ConfigError);
    EXPECT_THROW(load({{"FLOCI_LOG_LEVEL", "loud"}}), ConfigError);
    EXPECT_THROW(load({{"FLOCI_BASE_URL", "localhost"}}), ConfigError);
}

TEST(ConfigTest, UnknownStorageModeIsRejected) {
    EXPECT_THROW(load({{"FLOCI_STORAGE_MODE", "disk"}}), ConfigError);
    EXPECT_THROW(load({{"FLOCI_STORAGE_SERVICES_DYNAMODB_MODE", "x"}}), ConfigError);
}

TEST(ConfigTest, PortZeroMeansAnyFreePort) { EXPECT_EQ(load({{"FLOCI_PORT", "0"}}).port, 0); }

TEST(ConfigTest, ServicesAreEnabledUnlessSwitchedOff) {
    const Config config =
        load({{"FLOCI_SERVICES_S3_ENABLED", "false"}, {"FLOCI_SERVICES_DYNAMODB_ENABLED", "true"}});
    EXPECT_FALSE(config.is_enabled("s3"));
    EXPECT_TRUE(config.is_enabled("dynamodb"));
    EXPECT_TRUE(config.is_enabled("sqs"));
    EXPECT_THROW(load({{"FLOCI_SERVICES_S3_ENABLED", "maybe"}}), ConfigError);
}

TEST(ConfigTest, PerServiceStorageOverridesTheGlobalMode) {
    const Config config = load({{"FLOCI_STORAGE_MODE", "wal"},
                                {"FLOCI_STORAGE_SERVICES_DYNAMODB_MODE", "persistent"},
                                {"FLOCI_STORAGE_SERVICES_S3_FLUSH_INTERVAL_MS", "250"}});
    EXPECT_EQ(config.storage_for("dynamodb").mode, sdk::StorageMode::persistent);
    EXPECT_EQ(config.storage_for("s3").mode, sdk::StorageMode::wal);
    EXPECT_EQ(config.storage_for("s3").flush_interval_ms, 250u);
    EXPECT_EQ(config.storage_for("dynamodb").flush_interval_ms, 5000u);
}

TEST(ConfigTest, CorsOriginsAreAList) {
    const Config config = load({{"FLOCI_CORS_ALLOWED_ORIGINS", "http://a.test, http://b.test"}});
    ASSERT_TRUE(config.cors.enabled());
    EXPECT_EQ(config.cors.allowed_origins,
              (std::vector<std::string>{"http://a.test", "http://b.test"}));
}

}  // namespace
}  // namespace floci::host
