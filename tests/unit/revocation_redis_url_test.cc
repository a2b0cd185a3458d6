// parse_redis_url: the forms accepted, and URLs with credentials refused
// without echoing them.
#include <gtest/gtest.h>

#include "signet/revocation/redis.h"

namespace signet::revocation {
namespace {

TEST(RedisUrl, HostPortDb) {
  auto o = parse_redis_url("redis://10.0.0.5:6380/2");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->host, "10.0.0.5");
  EXPECT_EQ(o->port, 6380);
  EXPECT_EQ(o->db, 2);
  EXPECT_TRUE(o->unix_socket.empty());
  EXPECT_EQ(o->failure_policy, FailurePolicy::fail_closed);
  o = parse_redis_url("redis://cache.internal");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->host, "cache.internal");
  EXPECT_EQ(o->port, 6379);
  EXPECT_EQ(o->db, 0);
  o = parse_redis_url("redis://[::1]:7000/");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->host, "::1");
  EXPECT_EQ(o->port, 7000);
}

TEST(RedisUrl, UnixSocket) {
  auto o = parse_redis_url("unix:///run/redis/redis.sock?db=4");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->unix_socket, "/run/redis/redis.sock");
  EXPECT_EQ(o->db, 4);
  EXPECT_EQ(parse_redis_url("unix://relative.sock").error().code(), Errc::invalid_argument);
  EXPECT_EQ(parse_redis_url("unix:///s.sock?password=x").error().code(), Errc::invalid_argument);
}

TEST(RedisUrl, CredentialsAreRefusedAndNeverEchoed) {
  for (const char* url : {"redis://:hunter2-secret@localhost:6379/0", "redis://user:hunter2-secret@localhost",
                          "redis://hunter2-secret@localhost", "unix://user:hunter2-secret@/tmp/r.sock"}) {
    auto o = parse_redis_url(url);
    ASSERT_FALSE(o) << url;
    EXPECT_EQ(o.error().code(), Errc::invalid_argument);
    EXPECT_EQ(o.error().detail().find("hunter2"), std::string_view::npos);
    EXPECT_NE(o.error().detail().find("password"), std::string_view::npos) << o.error().detail();
  }
}

TEST(RedisUrl, Malformed) {
  for (const char* url : {"", "http://localhost", "redis://", "redis://:6379", "redis://host:", "redis://host:0",
                          "redis://host:65536", "redis://host:12ab", "redis://host/x", "redis://host/-1",
                          "redis://[::1", "redis://[::1]x"}) {
    auto o = parse_redis_url(url);
    ASSERT_FALSE(o) << url;
    EXPECT_EQ(o.error().code(), Errc::invalid_argument) << url;
  }
  EXPECT_EQ(parse_redis_url("rediss://host").error().code(), Errc::unsupported);
}

}  // namespace
}  // namespace signet::revocation
