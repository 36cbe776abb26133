import { HARDSHIP_REGISTRY_EVENTS } from '@jiuzhu/contracts';
import { PARAMETER_MIGRATIONS, ParameterVersionRepository } from '@jiuzhu/parameters';
import { ServiceDefinition } from '@jiuzhu/platform';
import { ElderAbilityResultRecord } from './care/elder-ability-result.entity';
import { HardshipCaseHistoryRecord, HardshipCaseRecord } from './cases/hardship-case.entity';
import { HardshipRegistryModule } from './hardship-registry.module';
import { CareBedRecord, CareInstitutionRecord, CareSettingPeriodRecord } from './institutions/care-institution.entity';
import { HardshipRegistrySchema1750000000100 } from './migrations/1750000000100-hardship-registry-schema';
import { HardshipCareInstitutions1750000000200 } from './migrations/1750000000200-hardship-care-institutions';
import { HardshipRecomputeByBatch1750000000500 } from './migrations/1750000000500-hardship-recompute-by-batch';
import { DibaoHouseholds1750000000900 } from './migrations/1750000000900-dibao-households';
import { DEFAULT_HARDSHIP_PARAMETERS } from './parameters/domain/default-parameters';
import { DibaoStandardRecord } from './standards/dibao-standard.entity';
import { HardshipVisits1750000001300 } from './migrations/1750000001300-hardship-visits';
import { HardshipVisitFindingRecord, HardshipVisitPlanRecord, HardshipVisitRecord } from './visits/visit.entity';

/** The special-hardship registry (特困人员救助供养) as the runtime starts it. */
export function hardshipRegistryService(o: { refKey: string; backgroundJobs?: boolean }): ServiceDefinition {
  return {
    name: 'hardship-registry',
    title: 'Jiuzhu — special-hardship support (特困人员救助供养)',
    description:
      'Special-hardship persons (民发〔2021〕43号): applications with the three conditions explained, the township investigation and its 7-day notice (never for minors), county confirmation, support from the next month with the monthly entitlement explained line by line, the self-care tier (from 60 the elder assessment’s), termination on each ground with its notice and referral, the 18th-birthday review, and visits (巡视探访) to those supported at home: the next visit due by the tier’s interval, the township’s overdue-visit queue, a danger found announced as a lead for temporary assistance, each overdue visit announced once. Dibao standards and elder assessments arrive by event. Every route but the probes and docs needs a bearer access token; every query keeps to the caller’s jurisdiction.',
    migrations: [HardshipRegistrySchema1750000000100, HardshipCareInstitutions1750000000200, HardshipRecomputeByBatch1750000000500, DibaoHouseholds1750000000900, HardshipVisits1750000001300, ...PARAMETER_MIGRATIONS],
    entities: [HardshipCaseRecord, HardshipCaseHistoryRecord, DibaoStandardRecord, ElderAbilityResultRecord, CareInstitutionRecord, CareBedRecord, CareSettingPeriodRecord, HardshipVisitRecord, HardshipVisitFindingRecord, HardshipVisitPlanRecord],
    produces: HARDSHIP_REGISTRY_EVENTS,
    async prepare({ dataSource, log, clock }) {
      const seeded = await new ParameterVersionRepository(dataSource).seedMissing(DEFAULT_HARDSHIP_PARAMETERS, clock.now());
      if (seeded) log.info({ versions: seeded }, 'seeded the default special-hardship parameters, illustrative and placeholder values labelled in their legal sources (replace them by publishing real ones)');
    },
    module: ({ dataSource, messaging, log, clock, audit }) => HardshipRegistryModule.register({ dataSource, messaging, log, clock, audit, refKey: o.refKey, backgroundJobs: o.backgroundJobs }),
  };
}
