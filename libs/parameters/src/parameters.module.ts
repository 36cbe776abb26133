import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@jiuzhu/audit';
import { Clock } from '@jiuzhu/common';
import { CachedParameterCatalog } from './parameter-catalog';
import { ParameterSpecs } from './parameter-spec';
import { ParametersController } from './parameters.controller';
import { ParameterPublicationHook, PublicationWindow, PublishParameter } from './publish-parameter.use-case';

export interface ParametersOptions {
  dataSource: DataSource;
  clock: Clock;
  /** The service's audit trail: each new version is recorded with its publication. */
  audit: AuditTrail;
  /** The service's catalog (its resolver extends CachedParameterCatalog); the service's use cases read the same one. */
  catalog: CachedParameterCatalog<any>;
  /** The service's keys: shape, unit, scope, whether back-dating is allowed. */
  specs: ParameterSpecs;
  window: PublicationWindow;
  /** The service's own reaction to a new version. */
  hook?: ParameterPublicationHook;
}

/**
 * `GET /parameters` and `POST /parameters` of a service: import `ParametersModule.register(...)`
 * into its root module. The table comes with PARAMETER_MIGRATIONS.
 */
@Module({})
export class ParametersModule {
  static register(o: ParametersOptions): DynamicModule {
    return {
      module: ParametersModule,
      controllers: [ParametersController],
      providers: [
        { provide: CachedParameterCatalog, useValue: o.catalog },
        { provide: PublishParameter, useValue: new PublishParameter(o.dataSource, o.catalog, o.clock, o.audit, o.specs, o.window, o.hook) },
      ],
    };
  }
}
