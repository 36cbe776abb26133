import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { AccessGuard, ACCESS_CONTROL, AccessControlSources } from './access.guard';
import type { AuthConfig } from './auth-config';
import { TokenVerifier } from './token-verifier';

/**
 * Access control for a service's HTTP routes: imports the access guard as APP_GUARD with one token
 * verifier. Import it once, in the service's root module (libs/platform does when the definition
 * turns `accessControl` on).
 */
@Module({})
export class AccessControlModule {
  static register(o: { config: AuthConfig; log: Logger } | { verifier: TokenVerifier; log: Logger }): DynamicModule {
    const sources: AccessControlSources = { verifier: 'verifier' in o ? o.verifier : new TokenVerifier(o.config), log: o.log };
    return {
      module: AccessControlModule,
      providers: [{ provide: ACCESS_CONTROL, useValue: sources }, { provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
