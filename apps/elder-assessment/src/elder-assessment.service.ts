import { ELDER_ASSESSMENT_EVENTS } from '@jiuzhu/contracts';
import { ServiceDefinition } from '@jiuzhu/platform';
import { DEFAULT_ELDER_PARAMETERS } from './assessment/domain/assessment-parameters';
import { ELDER_ASSESSMENT_ENTITIES } from './assessment/assessment.entity';
import { ElderAssessmentModule } from './elder-assessment.module';
import { ElderAssessmentSchema1740000000100 } from './migrations/1740000000100-elder-assessment-schema';
import { PARAMETER_MIGRATIONS, ParameterVersionRepository } from '@jiuzhu/parameters';

/** The elder-assessment (老年人能力评估, GB/T 42195-2022) service as the runtime starts it. */
export function elderAssessmentService(o: { refKey: string; backgroundJobs?: boolean }): ServiceDefinition {
  return {
    name: 'elder-assessment',
    title: 'Jiuzhu — elder ability assessment (老年人能力评估)',
    description:
      'Elder ability and needs assessments (GB/T 42195-2022): two assessors score 26 items, the level is derived with the parameters in force on the assessment date and explained line by line; corrections and dispute re-assessments supersede, never edit; overdue re-assessments are queued and announced. Every route but the probes and docs needs a bearer access token; assessors record within their district, and every read keeps to the caller’s jurisdiction.',
    migrations: [ElderAssessmentSchema1740000000100, ...PARAMETER_MIGRATIONS],
    entities: ELDER_ASSESSMENT_ENTITIES,
    produces: ELDER_ASSESSMENT_EVENTS,
    async prepare({ dataSource, log, clock }) {
      const seeded = await new ParameterVersionRepository(dataSource).seedMissing(DEFAULT_ELDER_PARAMETERS, clock.now());
      if (seeded) log.info({ versions: seeded }, 'seeded the default assessment parameters (replace them by publishing real ones)');
    },
    module: ({ dataSource, messaging, log, clock, audit }) => ElderAssessmentModule.register({ dataSource, messaging, log, clock, audit, refKey: o.refKey, backgroundJobs: o.backgroundJobs }),
  };
}
