import { DataSource } from 'typeorm';
import { Clock, compareLocalDate, FieldProblem, Forbidden, InvalidInput, isLocalDate } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { ELDER_PARAMETER_SPECS, ElderParameterKey, elderVersionId, GLOBAL_SCOPE, ParameterVersion } from '../assessment/domain/assessment-parameters';
import { ParameterCatalog } from './parameter-catalog';
import { ParameterVersionRepository } from '@jiuzhu/persistence';

export interface PublishParameterCommand {
  key: string;
  validFrom: string;
  value: unknown;
  legalSource: string;
  note?: string;
}

/**
 * Publishes a new version of an elder-assessment parameter. Nothing is edited in place: a
 * correction is a new version, so a past assessment still names the numbers it was scored with.
 */
export class PublishParameter {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ParameterVersionRepository,
    private readonly catalog: ParameterCatalog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: PublishParameterCommand, actor: Actor): Promise<ParameterVersion> {
    if (actor.role !== 'admin') throw new Forbidden('ROLE.ADMIN_REQUIRED', 'Only an administrator (X-Actor-Role: admin) may publish parameters.');
    const spec = ELDER_PARAMETER_SPECS[cmd.key as ElderParameterKey];
    if (!spec) throw new InvalidInput([{ field: 'key', reason: `unknown parameter; one of ${Object.keys(ELDER_PARAMETER_SPECS).join(', ')}` }]);
    const problems: FieldProblem[] = [];
    if (!isLocalDate(cmd.validFrom)) problems.push({ field: 'validFrom', reason: 'must be a calendar date YYYY-MM-DD' });
    // Rules take effect going forward: a back-dated number would silently change the basis of
    // assessments already completed, and drafts already checked.
    else if (compareLocalDate(cmd.validFrom, this.clock.today()) < 0) problems.push({ field: 'validFrom', reason: `must not be in the past (today is ${this.clock.today()})` });
    if (!spec.isValid(cmd.value)) problems.push({ field: 'value', reason: `does not have the shape of ${cmd.key} (unit: ${spec.unit}); see GET /parameters for the current value` });
    if (problems.length) throw new InvalidInput(problems);

    const key = cmd.key as ElderParameterKey;
    const version = await this.ds.transaction((m) =>
      this.repo.publish(m, { key, scope: GLOBAL_SCOPE, versionId: elderVersionId(key, cmd.validFrom), validFrom: cmd.validFrom, value: cmd.value, unit: spec.unit, legalSource: cmd.legalSource, ...(cmd.note ? { note: cmd.note } : {}) }, actor.id),
    );
    this.catalog.invalidate();
    return version;
  }
}
