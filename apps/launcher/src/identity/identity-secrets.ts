import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from 'jose';
import { writePrivateFile } from './private-files';

export interface IdentitySecrets {
  /** Private signing keys (JWK with kid, alg, use); the first signs, all are published in the JWKS. */
  signingKeys: JWK[];
  /** Keys of the provider's signed cookies (sessions, interactions). */
  cookieKeys: string[];
  /** Secret of the confidential `jiuzhu-service` client (client credentials). */
  serviceClientSecret: string;
}

/**
 * RS256: every OIDC provider supports it (Keycloak signs with it by default), and an RSA signature
 * verifies several times faster than an ES256 one — the services verify a token on every request.
 */
const SIGNING_ALG = 'RS256';

/**
 * The provider's secrets, made once and kept in `<dir>/secrets.json` (mode 600): tokens issued before
 * a restart keep verifying after it, and signed-in sessions survive. Deleting the file rotates
 * everything (every token issued so far stops verifying).
 */
export async function loadOrCreateSecrets(dir: string): Promise<IdentitySecrets> {
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as IdentitySecrets;
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const signing: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALG, use: 'sig' };
  const secrets: IdentitySecrets = {
    signingKeys: [signing],
    cookieKeys: [randomBytes(32).toString('base64url')],
    serviceClientSecret: randomBytes(32).toString('base64url'),
  };
  writePrivateFile(file, `${JSON.stringify(secrets, null, 2)}\n`);
  return secrets;
}
