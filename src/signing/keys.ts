// The keys model signing takes, from what a caller has: a KeyObject, or PEM text (as read from key.pem / pub.pem).
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { ConfigError } from "../errors.js";

/** A private key from a KeyObject or PEM text. @throws ConfigError for text that is not a PEM private key. */
export function privateKeyOf(key: KeyObject | string, what = "the private key"): KeyObject {
  if (typeof key !== "string") {
    if (key.type !== "private") throw new ConfigError(`${what} is a ${key.type} key, not a private one`);
    return key;
  }
  try {
    return createPrivateKey(key);
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
export function publicKeyOf(key: KeyObject | string, what = "the public key"): KeyObject {
  if (typeof key !== "string") return key.type === "private" ? createPublicKey(key) : key;
  try {
    return createPublicKey(key);
  } catch (error) {
    throw new ConfigError(`${what} is not a PEM public key (-----BEGIN PUBLIC KEY-----)`, { cause: error });
  }
}
