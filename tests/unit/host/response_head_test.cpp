#include "http/response_head.hpp"

#include <gtest/gtest.h>

namespace floci::host {
namespace {

TEST(ResponseHeadTest, FormatsStatusHeadersAndLength) {
    ResponseHead head;
    head.start(200);
    head.add("Content-Type", "application/x-amz-json-1.0");
    head.add("x-amzn-RequestId", "abc");
    head.finish(12, true);
    EXPECT_EQ(head.text(),
              "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
              "x-amzn-RequestId: abc\r\nContent-Length: 12\r\n\r\n");
}

TEST(ResponseHeadTest, ClosingConnectionSaysSo) {
    ResponseHead head;
    head.start(400);
    head.finish(0, false);
    EXPECT_EQ(head.text(),
              "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

TEST(ResponseHeadTest, NoLengthWhereHttpForbidsABody) {
    for (unsigned status : {100u, 204u, 304u}) {
        ResponseHead head;
        head.start(status);
        head.finish(0, true);
        EXPECT_EQ(head.text().find("Content-Length"), std::string::npos) << status;
        EXPECT_FALSE(ResponseHead::allows_body(status));
    }
    EXPECT_TRUE(ResponseHead::allows_body(200));
    EXPECT_TRUE(ResponseHead::allows_body(413));
}

TEST(ResponseHeadTest, DropsHeadersThatWouldSplitTheResponse) {
    ResponseHead head;
    head.start(200);
    head.add("X-Evil", "a\r\nSet-Cookie: x");
    head.add("X-Bad\nName", "v");
    head.add("", "v");
    head.add("X-Good", "");
    head.finish(0, true);
    EXPECT_EQ(head.text(), "HTTP/1.1 200 OK\r\nX-Good: \r\nContent-Length: 0\r\n\r\n");
}

TEST(ResponseHeadTest, StartingAgainForgetsThePreviousHead) {
    ResponseHead head;
    head.start(500);
    head.add("A", "1");
    head.finish(3, true);
    head.start(413);
    head.finish(0, false);
    EXPECT_EQ(head.text(),
              "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

}  // namespace
}  // namespace floci::host
