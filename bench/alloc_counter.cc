// bench/alloc_counter.cc: see alloc_counter.h.
#include "alloc_counter.h"

#include <openssl/crypto.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

thread_local std::uint64_t t_cxx_new = 0;
thread_local std::uint64_t t_openssl = 0;

void* counted_malloc(std::size_t n) {
  ++t_cxx_new;
  if (void* p = std::malloc(n != 0 ? n : 1)) return p;
  throw std::bad_alloc();
}

void* counted_malloc_nothrow(std::size_t n) noexcept {
  ++t_cxx_new;
  return std::malloc(n != 0 ? n : 1);
}

void* counted_aligned(std::size_t n, std::align_val_t al) noexcept {
  ++t_cxx_new;
  auto align = static_cast<std::size_t>(al);
  if (align < sizeof(void*)) align = sizeof(void*);
  // aligned_alloc wants a size that is a multiple of the alignment.
  const std::size_t size = ((n != 0 ? n : 1) + align - 1) / align * align;
  return std::aligned_alloc(align, size);
}

void* counted_aligned_throw(std::size_t n, std::align_val_t al) {
  if (void* p = counted_aligned(n, al)) return p;
  throw std::bad_alloc();
}

void* ossl_malloc(std::size_t n, const char*, int) {
  ++t_openssl;
  return std::malloc(n);
}

void* ossl_realloc(void* p, std::size_t n, const char*, int) {
  ++t_openssl;
  return std::realloc(p, n);
}

void ossl_free(void* p, const char*, int) { std::free(p); }

bool g_openssl_hooked = false;

// Runs before every default-priority static initializer of the program, so
// before anything can have asked OpenSSL for memory.
__attribute__((constructor(101))) void install_openssl_hook() noexcept {
  g_openssl_hooked = CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc, ossl_free) == 1;
}

}  // namespace

namespace signet_alloc {

Counts thread_counts() noexcept { return {t_cxx_new, t_openssl}; }

bool openssl_hook_installed() noexcept { return g_openssl_hooked; }

}  // namespace signet_alloc

// ------------------------------------------------- the global replacements
void* operator new(std::size_t n) { return counted_malloc(n); }
void* operator new[](std::size_t n) { return counted_malloc(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc_nothrow(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc_nothrow(n); }
void* operator new(std::size_t n, std::align_val_t al) { return counted_aligned_throw(n, al); }
void* operator new[](std::size_t n, std::align_val_t al) { return counted_aligned_throw(n, al); }
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept { return counted_aligned(n, al); }
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept { return counted_aligned(n, al); }

void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
