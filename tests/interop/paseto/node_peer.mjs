#!/usr/bin/env node
// node_peer.mjs: the Node.js side of signet's PASETO interop suite, a
// long-running helper that answers JSON-lines requests.
//
// Usage: node node_peer.mjs NODE_DIR
//   NODE_DIR holds the node_modules that the CTest set-up test installed in
//   the build tree (tests/interop/paseto/package.json). Nothing is fetched.
//
// Peers ("lib"):
//   panva      npm paseto 4.x: token framing, claims, PASERK and v4.public
//              (WebCrypto Ed25519) are the library's own. Its v4.local has no
//              built-in primitives, so this file supplies the v4.local
//              construction through the library's extension API, written
//              from the PASETO v4 specification over @noble/hashes (BLAKE2b)
//              and @noble/ciphers (XChaCha20): an implementation independent
//              of signet and of libsodium.
//   paseto-ts  npm paseto-ts 2.x: an independent v4.local and v4.public
//              implementation over @stablelib.
//
// Protocol: one JSON object per line on stdin, one answer per line on stdout,
// in order. Answers are {"ok": true, ...} or {"ok": false, "error": "..."}; a
// rejected token is an answer, not a crash. Requests ("op"):
//   hello                                              -> versions
//   generate  lib purpose                              -> key [public]   (PASERK)
//   encrypt   lib key claims footer implicit           -> token          (v4.local)
//   decrypt   lib key token footer implicit [audience] -> claims
//   sign      lib key claims footer implicit           -> token          (v4.public)
//   verify    lib key token footer implicit [audience] -> claims
// footer / implicit are strings ("" for none). Claims keep their exp, nbf and
// iat as given: no peer adds or changes a claim.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const nodeDir = process.argv[2];
if (!nodeDir) {
  process.stderr.write('usage: node node_peer.mjs NODE_DIR\n');
  process.exit(2);
}
// ESM packages resolve bare names relative to the importing file, so the
// imports live in a small module written next to NODE_DIR's node_modules.
const shim = path.join(path.resolve(nodeDir), 'signet_paseto_imports.mjs');
fs.writeFileSync(
  shim,
  [
    "export * as paseto from 'paseto';",
    "export * as v4local from 'paseto/v4/local';",
    "export * as v4public from 'paseto/v4/public';",
    "export * as pasetoTs from 'paseto-ts/v4';",
    "export { blake2b } from '@noble/hashes/blake2.js';",
    "export { xchacha20 } from '@noble/ciphers/chacha.js';",
    '',
  ].join('\n'),
);
const { paseto, v4local, v4public, pasetoTs, blake2b, xchacha20 } = await import(pathToFileURL(shim).href);

// Not every package exports its package.json: read the files directly.
const versionOf = (name) =>
  JSON.parse(fs.readFileSync(path.join(path.resolve(nodeDir), 'node_modules', name, 'package.json'), 'utf8')).version;
const versions = { node: process.versions.node };
for (const name of ['paseto', 'paseto-ts', '@noble/hashes', '@noble/ciphers']) versions[name] = versionOf(name);

const utf8 = new TextEncoder();
const bytes = (s) => utf8.encode(s);

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// PAE: LE64(count) || for each piece LE64(length) || piece (top bit clear).
function le64(n) {
  const out = new Uint8Array(8);
  let v = BigInt(n) & 0x7fffffffffffffffn;
  for (let i = 0; i < 8; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
function pae(...pieces) {
  return concat(le64(pieces.length), ...pieces.flatMap((p) => [le64(p.length), p]));
}

function equalConstantTime(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// ------------------------------------------------------------------ panva v4.local primitives
const exporter = new paseto.LocalProtocol(v4local.ExportKeyFactory);
async function rawLocalKey(key) {
  const serialized = await exporter.ExportKey(key);
  return new Uint8Array(Buffer.from(serialized.slice('k4.local.'.length), 'base64url'));
}

const LOCAL_HEADER = bytes('v4.local.');

function subkeys(k, n) {
  const tmp = blake2b(concat(bytes('paseto-encryption-key'), n), { key: k, dkLen: 56 });
  const ak = blake2b(concat(bytes('paseto-auth-key-for-aead'), n), { key: k, dkLen: 32 });
  return { ek: tmp.subarray(0, 32), n2: tmp.subarray(32), ak };
}

async function localEncryptRun(key, message, footer, implicit) {
  const k = await rawLocalKey(key);
  const n = crypto.getRandomValues(new Uint8Array(32));
  const { ek, n2, ak } = subkeys(k, n);
  const c = xchacha20(ek, n2, message);
  const t = blake2b(pae(LOCAL_HEADER, n, c, footer, implicit), { key: ak, dkLen: 32 });
  return concat(n, c, t);
}

async function localDecryptRun(key, payload, footer, implicit) {
  if (payload.length < 64) throw new paseto.InvalidTokenError('token payload too short');
  const k = await rawLocalKey(key);
  const n = payload.subarray(0, 32);
  const c = payload.subarray(32, payload.length - 32);
  const t = payload.subarray(payload.length - 32);
  const { ek, n2, ak } = subkeys(k, n);
  const t2 = blake2b(pae(LOCAL_HEADER, n, c, footer, implicit), { key: ak, dkLen: 32 });
  if (!equalConstantTime(t, t2)) throw new paseto.InvalidTokenError('invalid MAC');
  return xchacha20(ek, n2, c);
}

const panvaLocal = new paseto.LocalProtocol(
  v4local.GenerateKeyFactory,
  v4local.ImportKeyFactory,
  v4local.ExportKeyFactory,
  paseto.LocalEncrypt({ version: 4, run: localEncryptRun }),
  paseto.LocalDecrypt({ version: 4, run: localDecryptRun }),
);
const panvaPublic = new paseto.PublicProtocol(
  v4public.GenerateKeyPairFactory,
  v4public.ImportSecretKeyFactory,
  v4public.ImportPublicKeyFactory,
  v4public.ExportSecretKeyFactory,
  v4public.ExportPublicKeyFactory,
  v4public.SignFactory,
  v4public.VerifyFactory,
);

const produceOptions = (req) => {
  const o = { addIssuedAt: false };
  if (req.claims.exp === undefined) o.nonExpiring = true;
  if (req.footer) o.footer = bytes(req.footer);
  if (req.implicit) o.implicitAssertion = bytes(req.implicit);
  return o;
};
const consumeOptions = (req) => {
  const o = {};
  if (req.footer) o.footer = bytes(req.footer);
  if (req.implicit) o.implicitAssertion = bytes(req.implicit);
  if (req.audience) o.audience = req.audience;
  if (req.allow_missing_exp) o.allowNonExpiring = true;
  return o;
};

const panva = {
  async generate(req) {
    if (req.purpose === 'local') {
      const key = await panvaLocal.GenerateKey({ extractable: true });
      return { key: await panvaLocal.ExportKey(key) };
    }
    const { publicKey, secretKey } = await panvaPublic.GenerateKeyPair({ extractable: true });
    return { key: await panvaPublic.ExportSecretKey(secretKey), public: await panvaPublic.ExportPublicKey(publicKey) };
  },
  async encrypt(req) {
    const key = await panvaLocal.ImportKey(req.key, { extractable: true });
    return { token: await panvaLocal.Encrypt(key, req.claims, produceOptions(req)) };
  },
  async decrypt(req) {
    const key = await panvaLocal.ImportKey(req.key, { extractable: true });
    const { claims } = await panvaLocal.Decrypt(key, req.token, consumeOptions(req));
    return { claims };
  },
  async sign(req) {
    const key = await panvaPublic.ImportSecretKey(req.key);
    return { token: await panvaPublic.Sign(key, req.claims, produceOptions(req)) };
  },
  async verify(req) {
    const key = await panvaPublic.ImportPublicKey(req.key);
    const { claims } = await panvaPublic.Verify(key, req.token, consumeOptions(req));
    return { claims };
  },
};

// ------------------------------------------------------------------ paseto-ts
const tsOptions = (req) => {
  const o = { addExp: false, addIat: false };
  if (req.footer) o.footer = req.footer;
  if (req.implicit) o.assertion = req.implicit;
  return o;
};
const pasetoTsPeer = {
  async generate(req) {
    if (req.purpose === 'local') return { key: pasetoTs.generateKeys('local') };
    const { secretKey, publicKey } = pasetoTs.generateKeys('public');
    return { key: secretKey, public: publicKey };
  },
  async encrypt(req) {
    return { token: await pasetoTs.encrypt(req.key, req.claims, tsOptions(req)) };
  },
  async decrypt(req) {
    const { payload, footer } = await pasetoTs.decrypt(req.key, req.token, tsOptions(req));
    checkFooter(req, footer);
    return { claims: payload };
  },
  async sign(req) {
    return { token: await pasetoTs.sign(req.key, req.claims, tsOptions(req)) };
  },
  async verify(req) {
    const { payload, footer } = await pasetoTs.verify(req.key, req.token, tsOptions(req));
    checkFooter(req, footer);
    return { claims: payload };
  },
};

// paseto-ts returns the footer (parsed when it is JSON) instead of comparing it.
function checkFooter(req, footer) {
  const got = footer === undefined || footer === null ? '' : typeof footer === 'string' ? footer : JSON.stringify(footer);
  const want = req.footer ?? '';
  const same = typeof footer === 'object' && footer !== null ? JSON.stringify(JSON.parse(want)) === got : want === got;
  if (!same) throw new Error('footer mismatch');
}

const peers = { panva, 'paseto-ts': pasetoTsPeer };

async function handle(req) {
  if (req.op === 'hello') return { versions };
  const peer = peers[req.lib];
  if (!peer) throw new Error(`unknown lib ${req.lib}`);
  const fn = peer[req.op];
  if (!fn) throw new Error(`unknown op ${req.op}`);
  return fn(req);
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let answer;
  try {
    const req = JSON.parse(line);
    answer = { id: req.id, ok: true, ...(await handle(req)) };
  } catch (e) {
    answer = { ok: false, error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
