list(APPEND SIGNET_SOURCES
  src/encoding/base64url.cc
  src/encoding/base62.cc
  src/encoding/zlib.cc
  src/encoding/json.cc
  src/encoding/json_object.cc
  src/encoding/json_canonical.cc
  src/encoding/utf8.cc)
