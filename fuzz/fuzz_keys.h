// Fixed test keys for the fuzz targets. Never use them for anything else:
// they are public. They are fixed (not generated at start-up) so that the
// tokens in fuzz/corpus/ stay valid and reach the code behind the signature
// check. fuzz/make_corpus.py signs the seed tokens with the same keys.
#ifndef SIGNET_FUZZ_FUZZ_KEYS_H_
#define SIGNET_FUZZ_FUZZ_KEYS_H_

#include <cstdint>
#include <string_view>

namespace signet::fuzz::keys {

// Django SECRET_KEYs (django_fuzz, django_roundtrip_fuzz).
inline constexpr std::string_view kDjangoKey = "signet-fuzz-django-secret-key";
inline constexpr std::string_view kDjangoFallbackKey = "signet-fuzz-django-old-secret-key";
// The fixed "now" of the Django and JWT targets (2023-11-14T22:13:20Z).
inline constexpr std::int64_t kNow = 1700000000;

// HMAC secrets, exactly the hash length (RFC 7518 section 3.2 minimum).
inline constexpr std::string_view kHs256Secret = "signet-fuzz-hs256-secret-32bytes";
inline constexpr std::string_view kHs384Secret = "signet-fuzz-hs384-secret-is-48-bytes-long-000000";
inline constexpr std::string_view kHs512Secret = "signet-fuzz-hs512-secret-is-64-bytes-long-0000000000000000000000";
inline constexpr std::string_view kRsaPrivatePem = R"(-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDIgKqj8VaQMZnW
yOu2kgqFDQCmv/DEfvVKskk30s1NbPgVDyBvUbtKVTlhhh1VxhME53E32eYYJA/W
9AsaKbqwkkhPU+XrfqYJwrep4CYEt5jJc5Tt5cAsHGBW4SNCnSZo8OeBwpVeJhuD
8lpSaDJzhnbITqyAkK1L6V7HCmdlx4Jr9YpiuUHPMdHUuZ/zgnKNtHTzqJ9zbiH7
Hsta5b7yTeyFQVmTKP2rWjdqiWHOoS46WNlyDb52dcGIpxJn7pTUxXo8CfGwr2Ht
X5BI9eJEFwY4pgLYlqqj6oE82q/DW2CR3vXswl2rJWN0SxWjDlaF8BDs9z7yW4Ho
0IFYoogXAgMBAAECggEAC/OTeFtB6C10uJdYaZUR+HVadRYa4XOZ5n5zG9c+cp+M
uCCjM8+A5QDofzYx2HOKna+4EXa1HvpDUXJRmRkkrjLCCax8F4oAlrNbJE6epYhW
HKf9mCKqTlbQrU0VP3rDl9zIR/VT1v1ZhYd0N9ZLL5SzzuPVp4I4Oj6qbh3iJPBh
A5bdb0jUT4o2+m2XGy88X+xmbkqJcXHiv2qIM50b5KP+slLZEI56tfYZTGAW4ApX
r1PNODyl+aG5O7K68wvmUxI1DTwTEwfS5O3w8zNo9iDMCwDzOjTavkIKdvDvBVlr
oMeLJlQjZ17uSLFieXdrMYDSMZJ3BxbCgwg9o9IoTQKBgQDm9yA+Whd/mlSERvwM
XzxhAMkBO+zFk+5jS0Eu31qZoIZDmVslpJihwtdj5TfxKh9bejrXo+3qVFRySV3X
vpUAF29IiJKyemEaDHE9lR0yZNc8AZVJ3gDbGjnOeBiMsQlPaPzzJ8JzQ5lNElWh
FFYhoJzQfuP+FF8HgdwhxXG73QKBgQDePEEgxd7T+WSG0bFJejwzv2Tb914G5QPP
xV/hemBaYkS866q9dOa2YPiR5HHlBMJTFVebPtCem7Ybvo0cRPcP+Vybs9nJWKaw
J+mlOwPUPV5hzaAGhoXjx6HGdkppskE6Ejr5khhoyC9IxLypONjdHv4DwSi9xGj1
nZdwHiGegwKBgGJIZwAhdj5mffCMBFV/cUIWA3Ly/R5WhOrb6zD2+qbFGF1LtO2f
zROIxf9MWzHUquNScBezOlqs6AJ6FeToxJ71WfWTqFkqmodrJAUAnxwCrVRrmAuG
3PZfgpnJoSi9bSjNlFYkZSqHaYTSeH3DGaPVpOVUGdDU+ltHd1Unn+5BAoGASFAY
7R4VpKn48PmYk40nu7riicTTHrE0bU4PJeJZKe/h6AtTMnSwgdXJ7EcGXHwQ81H1
gLmOzp1iQ2Lcrb8vGU6NuMhr7F1hV96U40PxugUCChcLpDPvqy+RT2+8ROpQ2SGH
eR/1u1qwMCB8NyAdSM5F31jh9eXMNWfDGCNl0xsCgYAWOUV/lVS4RveKSs9XVSkS
iuuArNoPUbTpsj9eDgA5SWWBGgt2UmWwwq5o5exIGc/sb1SU9jfw0gDL4FU7nbkK
VJscJBlwWe2hE479HESFwmR96tvctMtcPoxAuOsng2WaWPSLr7s8hiv4xtCztHoh
abCF+VbNCQalCvXyPFA3JQ==
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kRsaPublicPem = R"(-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyICqo/FWkDGZ1sjrtpIK
hQ0Apr/wxH71SrJJN9LNTWz4FQ8gb1G7SlU5YYYdVcYTBOdxN9nmGCQP1vQLGim6
sJJIT1Pl636mCcK3qeAmBLeYyXOU7eXALBxgVuEjQp0maPDngcKVXiYbg/JaUmgy
c4Z2yE6sgJCtS+lexwpnZceCa/WKYrlBzzHR1Lmf84JyjbR086ifc24h+x7LWuW+
8k3shUFZkyj9q1o3aolhzqEuOljZcg2+dnXBiKcSZ+6U1MV6PAnxsK9h7V+QSPXi
RBcGOKYC2Jaqo+qBPNqvw1tgkd717MJdqyVjdEsVow5WhfAQ7Pc+8luB6NCBWKKI
FwIDAQAB
-----END PUBLIC KEY-----
)";
inline constexpr std::string_view kP256PrivatePem = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxb7+OGRiveC7nM06
MU+cTlHVlDo3y2kwlB9bLwrs8+GhRANCAAR8zZJMqjSFy5392QlMzX76nwVIYYvJ
X9DIMD7C5HaJkXuLEgHr0Mpb+HHB4GVay9KkW3B949KeDVITsas6T0WG
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kP256PublicPem = R"(-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfM2STKo0hcud/dkJTM1++p8FSGGL
yV/QyDA+wuR2iZF7ixIB69DKW/hxweBlWsvSpFtwfePSng1SE7GrOk9Fhg==
-----END PUBLIC KEY-----
)";
inline constexpr std::string_view kP384PrivatePem = R"(-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBCN8rhJakuIbELrkDb
CHQfoufyXNQVB5N8G0lrSBE/TWot1ZsKpB40JwApuCoBVoWhZANiAARbobhqX3QW
h49o3Q0ZRfVWAvCyu3zyomyUHNTVR4RYvjK58yFk2PMo9F8ubq/QDMJa6XViDiFy
Pa3ancPMoK9z29xJ5Xarf/hKFE0TQRaY+JufKEU/TDkcOovlZWpbwSw=
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kP384PublicPem = R"(-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEW6G4al90FoePaN0NGUX1VgLwsrt88qJs
lBzU1UeEWL4yufMhZNjzKPRfLm6v0AzCWul1Yg4hcj2t2p3DzKCvc9vcSeV2q3/4
ShRNE0EWmPibnyhFP0w5HDqL5WVqW8Es
-----END PUBLIC KEY-----
)";
inline constexpr std::string_view kP521PrivatePem = R"(-----BEGIN PRIVATE KEY-----
MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIBkndRq+cMtYGJIVPq
/4R0X2bzP95Aa2/aW3dNPE+NBuohP572epgudAdE0UT5ALG5et6DvUh2f51aXCP6
BDi/MzyhgYkDgYYABAGmPXTL0NRl32tRGIuHHAQ5IsV6sRWxuSzw40IHCSwIVQjU
XTxb/T1GPDdcoC1E3bV9R52A8LEyhdchaaxDiJqhkgCwAIw7/YHg+jwdScgIicPh
Fhvz1RxSBOXnJ4HnfImsoVjIB9xMcepxZbhHROjcr3ZXKCbrSilciRh9GjjJrrYh
ag==
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kP521PublicPem = R"(-----BEGIN PUBLIC KEY-----
MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQBpj10y9DUZd9rURiLhxwEOSLFerEV
sbks8ONCBwksCFUI1F08W/09Rjw3XKAtRN21fUedgPCxMoXXIWmsQ4iaoZIAsACM
O/2B4Po8HUnICInD4RYb89UcUgTl5yeB53yJrKFYyAfcTHHqcWW4R0To3K92Vygm
60opXIkYfRo4ya62IWo=
-----END PUBLIC KEY-----
)";
inline constexpr std::string_view kSecp256k1PrivatePem = R"(-----BEGIN PRIVATE KEY-----
MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgZF8V9kkqsPqOg0uS3Peg
ur2FAVa442RRZmKjaxojKBehRANCAASF30DpC/KdmweTx8jx0IQWO5ZB+bOetl8X
g/b1J5ckKxUdqielqMraQv7F/NqazvzYJRThWDNnyLt9il/fUXtw
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kSecp256k1PublicPem = R"(-----BEGIN PUBLIC KEY-----
MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEhd9A6QvynZsHk8fI8dCEFjuWQfmznrZf
F4P29SeXJCsVHaonpajK2kL+xfzams782CUU4VgzZ8i7fYpf31F7cA==
-----END PUBLIC KEY-----
)";
inline constexpr std::string_view kEd25519PrivatePem = R"(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINs1/GsvOCEHc6gHM9CWx0s0wh565Qa0Ad67JCVWYCK7
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kEd25519PublicPem = R"(-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAZFD9Nlqr8U5Zd/Np/OSdbbclQsY/htwaYY0RLJrXXUQ=
-----END PUBLIC KEY-----
)";

}  // namespace signet::fuzz::keys

#endif  // SIGNET_FUZZ_FUZZ_KEYS_H_
