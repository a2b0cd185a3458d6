#!/usr/bin/env node
// node_peer.js: the Node.js side of the JWT interop suite (jose and
// jsonwebtoken), a long-running helper that answers JSON-lines requests.
//
// Usage: node node_peer.js NODE_DIR
//   NODE_DIR holds the node_modules that the CTest set-up test installed
//   (build tree, from tests/interop/jwt/package.json). Nothing is fetched here.
//
// Protocol: one JSON object per line on stdin, one answer per line on stdout,
// in order. Every request has "op" and, except "hello", "lib" ("jose" or
// "jsonwebtoken"). Keys are {"secret_b64": base64url} | {"pem": text} |
// {"jwk": object}. Answers are {"ok": true, ...} or
// {"ok": false, "error": "<name>: <message>"}; a rejected token is an answer,
// not a crash.
//
//   hello                                     -> versions
//   sign      lib alg key claims_json [kid] [typ] [header]  -> token
//   verify    lib alg key token now [audience] [issuer] [subject] [leeway] [typ]
//                                             -> claims_json (the payload as the library returns it)
//   generate  lib alg [kid]                   -> private_jwk public_jwk private_pem public_pem | secret_b64 jwk
//   thumbprint lib jwk                        -> thumbprint (jose only; jsonwebtoken has none)
//   embedded  alg claims_json                 -> a token signed with a fresh key carrying it as "jwk" header (jose)
'use strict';

const path = require('node:path');
const crypto = require('node:crypto');
const readline = require('node:readline');
const { createRequire } = require('node:module');

const nodeDir = process.argv[2];
if (!nodeDir) {
  process.stderr.write('usage: node node_peer.js NODE_DIR\n');
  process.exit(2);
}
const requireFromBuild = createRequire(path.join(path.resolve(nodeDir), 'package.json'));
const jose = requireFromBuild('jose');
const jsonwebtoken = requireFromBuild('jsonwebtoken');
const versions = {
  node: process.versions.node,
  jose: requireFromBuild('jose/package.json').version,
  jsonwebtoken: requireFromBuild('jsonwebtoken/package.json').version,
};

const CURVES = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521', ES256K: 'secp256k1' };

function family(alg) {
  if (alg.startsWith('HS')) return 'hmac';
  if (alg.startsWith('RS') || alg.startsWith('PS')) return 'rsa';
  if (alg === 'EdDSA') return 'okp';
  return 'ec';
}

function secretBytes(key) {
  if (key.secret_b64 !== undefined) return Buffer.from(key.secret_b64, 'base64url');
  if (key.jwk && key.jwk.kty === 'oct') return Buffer.from(key.jwk.k, 'base64url');
  throw new Error('an HS algorithm needs a secret or an oct JWK');
}

// ------------------------------------------------------------------ jose

async function joseKey(alg, key, isPrivate) {
  if (family(alg) === 'hmac') {
    if (key.jwk) return jose.importJWK(key.jwk, alg);
    return new Uint8Array(secretBytes(key));
  }
  if (key.jwk) return jose.importJWK(key.jwk, alg);
  if (key.pem) {
    if (isPrivate) return jose.importPKCS8(key.pem, alg);
    if (key.pem.includes('PRIVATE KEY')) {
      // jose verifies with a public key only: derive it from the private PEM.
      return crypto.createPublicKey(crypto.createPrivateKey(key.pem));
    }
    return jose.importSPKI(key.pem, alg);
  }
  throw new Error('no usable key');
}

async function joseSign(req) {
  const k = await joseKey(req.alg, req.key, true);
  const header = Object.assign({ alg: req.alg }, req.typ ? { typ: req.typ } : {}, req.kid ? { kid: req.kid } : {},
                               req.header || {});
  return new jose.SignJWT(JSON.parse(req.claims_json)).setProtectedHeader(header).sign(k);
}

async function joseVerify(req) {
  const k = await joseKey(req.alg, req.key, false);
  const options = { algorithms: [req.alg], currentDate: new Date(req.now * 1000) };
  if (req.audience !== undefined && req.audience !== null) options.audience = req.audience;
  if (req.issuer !== undefined && req.issuer !== null) options.issuer = req.issuer;
  if (req.subject !== undefined && req.subject !== null) options.subject = req.subject;
  if (req.leeway) options.clockTolerance = req.leeway;
  if (req.typ) options.typ = req.typ;
  if (req.require_exp) options.requiredClaims = ['exp'];
  const { payload } = await jose.jwtVerify(req.token, k, options);
  return JSON.stringify(payload);
}

async function joseGenerate(req) {
  if (family(req.alg) === 'hmac') {
    const secret = await jose.generateSecret(req.alg, { extractable: true });
    const jwk = await jose.exportJWK(secret);
    return { secret_b64: jwk.k, jwk };
  }
  const options = { extractable: true };
  if (req.alg === 'EdDSA') options.crv = 'Ed25519';
  if (family(req.alg) === 'rsa') options.modulusLength = 2048;
  const { privateKey, publicKey } = await jose.generateKeyPair(req.alg, options);
  return {
    private_jwk: await jose.exportJWK(privateKey),
    public_jwk: await jose.exportJWK(publicKey),
    private_pem: await jose.exportPKCS8(privateKey),
    public_pem: await jose.exportSPKI(publicKey),
  };
}

// ------------------------------------------------------------------ jsonwebtoken

function jwtKey(alg, key, isPrivate) {
  if (family(alg) === 'hmac') return crypto.createSecretKey(secretBytes(key));
  if (key.jwk) {
    return isPrivate ? crypto.createPrivateKey({ key: key.jwk, format: 'jwk' })
                     : crypto.createPublicKey({ key: key.jwk, format: 'jwk' });
  }
  if (key.pem) return key.pem;  // jsonwebtoken parses PEM itself
  throw new Error('no usable key');
}

function jwtSign(req) {
  const claims = JSON.parse(req.claims_json);
  // jsonwebtoken adds iat unless noTimestamp, and noTimestamp deletes a
  // given iat: keep the claims exactly as given either way.
  const options = { algorithm: req.alg, noTimestamp: claims.iat === undefined };
  if (req.kid) options.keyid = req.kid;
  options.header = Object.assign({ alg: req.alg }, req.typ ? { typ: req.typ } : {}, req.header || {});
  return jsonwebtoken.sign(claims, jwtKey(req.alg, req.key, true), options);
}

function jwtVerify(req) {
  const options = { algorithms: [req.alg], clockTimestamp: req.now };
  if (req.audience !== undefined && req.audience !== null) options.audience = req.audience;
  if (req.issuer !== undefined && req.issuer !== null) options.issuer = req.issuer;
  if (req.subject !== undefined && req.subject !== null) options.subject = req.subject;
  if (req.leeway) options.clockTolerance = req.leeway;
  const payload = jsonwebtoken.verify(req.token, jwtKey(req.alg, req.key, false), options);
  if (req.require_exp && payload.exp === undefined) throw new Error('exp required');
  return JSON.stringify(payload);
}

function jwtGenerate(req) {
  const fam = family(req.alg);
  if (fam === 'hmac') {
    const secret = crypto.randomBytes(Number(req.alg.slice(2)) / 8);
    return { secret_b64: secret.toString('base64url'), jwk: crypto.createSecretKey(secret).export({ format: 'jwk' }) };
  }
  let pair;
  if (fam === 'rsa') pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  else if (fam === 'ec') pair = crypto.generateKeyPairSync('ec', { namedCurve: CURVES[req.alg] });
  else pair = crypto.generateKeyPairSync('ed25519');
  return {
    private_jwk: pair.privateKey.export({ format: 'jwk' }),
    public_jwk: pair.publicKey.export({ format: 'jwk' }),
    private_pem: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }),
    public_pem: pair.publicKey.export({ format: 'pem', type: 'spki' }),
  };
}

// ------------------------------------------------------------------ dispatch

async function handle(req) {
  switch (req.op) {
    case 'hello':
      return { versions };
    case 'sign':
      return { token: req.lib === 'jose' ? await joseSign(req) : jwtSign(req) };
    case 'verify':
      return { claims_json: req.lib === 'jose' ? await joseVerify(req) : jwtVerify(req) };
    case 'generate':
      return req.lib === 'jose' ? joseGenerate(req) : jwtGenerate(req);
    case 'thumbprint':
      if (req.lib !== 'jose') throw new Error('no thumbprint API');
      return { thumbprint: await jose.calculateJwkThumbprint(req.jwk, 'sha256') };
    case 'embedded': {
      // A token whose header carries the signing key ("jwk"): a verifier that
      // trusts it would accept anything. signet must ignore it.
      const { privateKey, publicKey } = await jose.generateKeyPair(req.alg, { extractable: true });
      const jwk = await jose.exportJWK(publicKey);
      const token = await new jose.SignJWT(JSON.parse(req.claims_json))
        .setProtectedHeader({ alg: req.alg, jwk })
        .sign(privateKey);
      return { token };
    }
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let chain = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  // Answer strictly in request order.
  chain = chain.then(async () => {
    let answer;
    let id = null;
    try {
      const req = JSON.parse(line);
      id = req.id === undefined ? null : req.id;
      answer = Object.assign({ id, ok: true }, await handle(req));
    } catch (e) {
      answer = { id, ok: false, error: `${e.code || e.name || 'Error'}: ${e.message}` };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
});
rl.on('close', () => {
  chain.then(() => process.exit(0));
});
