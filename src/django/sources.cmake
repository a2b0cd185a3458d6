list(APPEND SIGNET_SOURCES
  src/django/algorithm.cc
  src/django/signer.cc
  src/django/timestamp_signer.cc
  src/django/object_codec.cc
  src/django/plain_json.cc
  src/django/dumps.cc
  src/django/key_ring.cc
  src/django/password_reset.cc)
