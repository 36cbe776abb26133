/**
 * The names the embedded provider and its clients share. Kept apart from identity-provider.ts so that
 * `npm run token` loads no provider code.
 */

/** The resource indicator (RFC 8707) of the Jiuzhu services; its access tokens carry the configured audience. */
export const JIUZHU_RESOURCE = 'urn:jiuzhu:services';
/** The scope that stands for "call the Jiuzhu services" in an access token. */
export const JIUZHU_SCOPE = 'jiuzhu';

export const CLIENTS = {
  /** The web console: a public client, authorization code + PKCE. */
  console: 'jiuzhu-console',
  /** `npm run token`: a native public client (RFC 8252), loopback redirect, authorization code + PKCE. */
  cli: 'jiuzhu-cli',
  /** Other systems calling the services: confidential, client credentials, role `service`. */
  service: 'jiuzhu-service',
} as const;

/** Where `npm run token` asks to be sent back; it reads the code from the redirect and never listens there. */
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback';
