// The keys model signing takes, from what a caller has: a KeyObject, or PEM text (as read from key.pem / pub.pem).

import type { KeyObject } from "node:crypto";
import { builtin } from "../builtin.js";
import { ConfigError } from "../errors.js";

/** What a caller may give as a key: a KeyObject, or PEM text (a string, or its bytes as read from a file). */
export type KeyInput = KeyObject | string | Uint8Array;

/** PEM text of a key given as text or bytes; the KeyObject as is. @throws ConfigError for anything else */
function pemOf(key: unknown, what: string): KeyObject | string {
  if (typeof key === "string") return key;
  if (key instanceof Uint8Array) return Buffer.from(key).toString("utf8");
  if (key && typeof key === "object" && "asymmetricKeyType" in key) return key as KeyObject;
  throw new ConfigError(
    `${what} is missing: give PEM text (e.g. readFileSync("key.pem", "utf8")) or a KeyObject`,
  );
}

/** A private key from a KeyObject or PEM text. @throws ConfigError for text that is not a PEM private key. */
export function privateKeyOf(input: KeyInput, what = "the private key"): KeyObject {
  const key = pemOf(input, what);
  if (typeof key !== "string") {
    if (key.type !== "private") throw new ConfigError(`${what} is a ${key.type} key, not a private one`);
    return key;
  }
  try {
    return builtin("node:crypto").createPrivateKey(key);
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(key);
    throw new ConfigError(
      encrypted
        ? `${what} is encrypted with a passphrase; give it decrypted (e.g. openssl ec -in key.pem -out plain.pem)`
        : `${what} is not a PEM private key (-----BEGIN EC PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)`,
      { cause: error },
    );
  }
}

/** A public key from a KeyObject or PEM text (a private key gives its public half). @throws ConfigError */
export function publicKeyOf(input: KeyInput, what = "the public key"): KeyObject {
  const key = pemOf(input, what);
  if (typeof key !== "string")
    return key.type === "private" ? builtin("node:crypto").createPublicKey(key) : key;
  try {
    return builtin("node:crypto").createPublicKey(key);
  } catch (error) {
    throw new ConfigError(`${what} is not a PEM public key (-----BEGIN PUBLIC KEY-----)`, { cause: error });
  }
}
