#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/credential_scope.hpp"

namespace floci::host {
namespace {

// A service object that is never called: the router only checks that one exists.
class NullService final : public sdk::Service {
  public:
    void handle(const sdk::Request&, sdk::Responder) noexcept override {}
};

LoadedPlugin plugin(std::string name, std::vector<std::string> prefixes,
                    std::vector<std::string> scopes, sdk::Protocol protocol,
                    std::uint32_t flags = 0, bool running = true) {
    LoadedPlugin p;
    p.name = std::move(name);
    p.target_prefixes = std::move(prefixes);
    p.signing_names = std::move(scopes);
    p.protocol = protocol;
    p.flags = flags;
    p.enabled = running;
    if (running) p.service = std::make_unique<NullService>();
    return p;
}

class RouterTest : public ::testing::Test {
  protected:
    RouterTest() {
        plugins_.push_back(plugin("dynamodb", {"DynamoDB_20120810.", "DynamoDBStreams_20120810."},
                                  {"dynamodb"}, sdk::Protocol::json));
        plugins_.push_back(plugin("s3", {}, {"s3"}, sdk::Protocol::rest_xml, sdk::kRestFallback));
        plugins_.push_back(
            plugin("sqs", {"AmazonSQS."}, {"sqs"}, sdk::Protocol::json, 0, /*running=*/false));
        router_ = std::make_unique<Router>(plugins_, "us-east-1", "000000000000");
    }

    std::variant<Route, RouteError> route(std::string_view target, std::string_view auth = {},
                                          std::string_view path = "/") {
        return router_->route({target, auth, path});
    }

    std::vector<LoadedPlugin> plugins_;
    std::unique_ptr<Router> router_;  // routes hold views into it
};

TEST_F(RouterTest, TargetPrefixPicksServiceAndAction) {
    auto r = std::get<Route>(route("DynamoDB_20120810.PutItem"));
    EXPECT_EQ(r.plugin->name, "dynamodb");
    EXPECT_EQ(r.action, "PutItem");
    EXPECT_EQ(r.target_prefix, "DynamoDB_20120810.");
}

TEST_F(RouterTest, LongestPrefixWins) {
    auto r = std::get<Route>(route("DynamoDBStreams_20120810.GetRecords"));
    EXPECT_EQ(r.target_prefix, "DynamoDBStreams_20120810.");
    EXPECT_EQ(r.action, "GetRecords");
}

TEST_F(RouterTest, UnknownTargetIsUnknownOperation) {
    auto e = std::get<RouteError>(route("Nope_20990101.Do"));
    EXPECT_EQ(e.status, 400u);
    EXPECT_EQ(e.type, "UnknownOperationException");
}

TEST_F(RouterTest, DisabledServiceIsNotAvailable) {
    auto e = std::get<RouteError>(route("AmazonSQS.SendMessage"));
    EXPECT_EQ(e.type, "ServiceNotAvailableException");
}

TEST_F(RouterTest, CredentialScopeGivesRegionAccountAndService) {
    auto r = std::get<Route>(route(
        "", "AWS4-HMAC-SHA256 Credential=123456789012/20260101/eu-west-1/s3/aws4_request, x"));
    EXPECT_EQ(r.plugin->name, "s3");
    EXPECT_EQ(r.region, "eu-west-1");
    EXPECT_EQ(r.account_id, "123456789012");
}

TEST_F(RouterTest, NonNumericAccessKeyUsesDefaultAccount) {
    auto r = std::get<Route>(
        route("DynamoDB_20120810.GetItem",
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/ap-south-1/dynamodb/aws4_request"));
    EXPECT_EQ(r.account_id, "000000000000");
    EXPECT_EQ(r.region, "ap-south-1");
}

TEST_F(RouterTest, NoTargetNoScopeFallsBackToRest) {
    auto r = std::get<Route>(route("", "", "/bucket/key"));
    EXPECT_EQ(r.plugin->name, "s3");
    EXPECT_EQ(r.region, "us-east-1");
}

TEST_F(RouterTest, PresignedUrlCredentialIsRead) {
    auto r = std::get<Route>(
        route("", "", "/b/k?X-Amz-Credential=test%2F20260101%2Fus-west-2%2Fs3%2Faws4_request&X=1"));
    EXPECT_EQ(r.region, "us-west-2");
}

TEST_F(RouterTest, JsonServiceByScopeWithoutTargetIsUnknownOperation) {
    auto e = std::get<RouteError>(
        route("", "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/dynamodb/aws4_request"));
    EXPECT_EQ(e.type, "UnknownOperationException");
    EXPECT_EQ(e.plugin->name, "dynamodb");
}

TEST(CredentialScopeTest, MalformedAuthorizationIsIgnored) {
    EXPECT_FALSE(parse_authorization("Basic abc"));
    EXPECT_FALSE(parse_authorization("AWS4-HMAC-SHA256 Credential=a/b"));
    EXPECT_FALSE(parse_authorization("AWS4-HMAC-SHA256 Credential=////"));
    EXPECT_FALSE(parse_authorization("AWS4-HMAC-SHA256"));
}

}  // namespace
}  // namespace floci::host
