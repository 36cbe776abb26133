import '../../../../libs/common/src/runtime/register-aliases';
import { decodeJwt } from 'jose';
import { ConfigError } from '@jiuzhu/common';
import { DEMO_PASSWORD } from './demo-staff';
import { CLI_REDIRECT_URI, CLIENTS } from './clients';
import { loadIdentitySettings } from './identity-settings';
import { ProviderUnreachable, signInWithPassword, SignInRefused } from './token-flow';

/**
 * `npm run -s token -- cw-640202001`: signs that member of staff in at the running embedded provider
 * (the one `npm start` runs) and prints the access token, nothing else, on stdout — for
 * `TOKEN=$(npm run -s token -- cw-640202001)` and `curl -H "Authorization: Bearer $TOKEN"`.
 * The password is the demo one unless TOKEN_PASSWORD says otherwise.
 */
async function main(): Promise<number> {
  const [username, ...extra] = process.argv.slice(2);
  if (!username || username.startsWith('-') || extra.length) {
    process.stderr.write('usage: npm run -s token -- <staff id>   e.g. npm run -s token -- cw-640202001 (TOKEN_PASSWORD: another password)\n');
    return 2;
  }
  const { issuer } = loadIdentitySettings(process.env);
  try {
    const tokens = await signInWithPassword({ issuer, username, password: process.env.TOKEN_PASSWORD ?? DEMO_PASSWORD, clientId: CLIENTS.cli, redirectUri: CLI_REDIRECT_URI });
    const claims = decodeJwt(tokens.accessToken) as { sub: string; roles?: string[]; jurisdiction?: string; exp: number };
    process.stderr.write(`${claims.sub}: ${(claims.roles ?? []).join(', ')} in ${claims.jurisdiction}, valid until ${new Date(claims.exp * 1000).toLocaleTimeString('zh-CN', { hour12: false })}\n`);
    process.stdout.write(`${tokens.accessToken}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ProviderUnreachable) process.stderr.write(`${e.message}. Is \`npm start\` running? (IDP_ISSUER / IDP_PORT name another provider)\n`);
    else if (e instanceof SignInRefused) process.stderr.write(`sign-in of ${username} refused (${e.status}): ${e.message}\n`);
    else throw e;
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `token failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
