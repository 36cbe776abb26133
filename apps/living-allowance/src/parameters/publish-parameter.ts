import { DataSource } from 'typeorm';
import { Clock, compareLocalDate, DISTRICT_CODES, Forbidden, InvalidInput, isLocalDate } from '@jiuzhu/common';
import { Actor } from '@jiuzhu/common/http';
import { StandardPublished } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { districtAreaScope, GLOBAL_SCOPE, isArea, isDistrictCode, ParameterVersion, versionIdOf } from './domain/parameter';
import { ParameterKey, PARAMETER_SPECS } from './domain/parameter-keys';
import { ParameterCatalog } from './parameter-catalog';
import { ParameterVersionRepository } from '@jiuzhu/persistence';
import { requestReassessment } from '../reassessment/reassessment-runner';

export interface PublishParameterCommand {
  key: string;
  districtCode?: string;
  area?: string;
  validFrom: string;
  value: unknown;
  legalSource: string;
  note?: string;
}

/**
 * Publishes a new version of a parameter. Nothing is edited in place: a correction is a new version,
 * so a past decision still names the numbers it used. A new dibao standard is announced as
 * `standard.published` in the same transaction, so other services keep their own copy.
 */
export class PublishParameter {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ParameterVersionRepository,
    private readonly catalog: ParameterCatalog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly onPublished?: (v: ParameterVersion) => void,
  ) {}

  async execute(cmd: PublishParameterCommand, actor: Actor): Promise<ParameterVersion> {
    if (actor.role !== 'admin') throw new Forbidden('ROLE.ADMIN_REQUIRED', 'Only an administrator (X-Actor-Role: admin) may publish parameters.');
    const spec = PARAMETER_SPECS[cmd.key as ParameterKey];
    if (!spec) throw new InvalidInput([{ field: 'key', reason: `unknown parameter; one of ${Object.keys(PARAMETER_SPECS).join(', ')}` }]);
    const problems = [];
    if (!isLocalDate(cmd.validFrom)) problems.push({ field: 'validFrom', reason: 'must be a calendar date YYYY-MM-DD' });
    // Rules take effect going forward; a back-dated number would silently change past decisions' basis.
    // A standard is the exception: governments often publish it after its effective date, and the
    // reassessment it starts settles the months already paid.
    else if (cmd.key !== 'dibao.standard' && compareLocalDate(cmd.validFrom, this.clock.today()) < 0) {
      problems.push({ field: 'validFrom', reason: 'must not be in the past' });
    }
    if (!spec.isValid(cmd.value)) problems.push({ field: 'value', reason: `does not have the shape of ${cmd.key} (unit: ${spec.unit})` });
    let scope = GLOBAL_SCOPE;
    if (spec.scope === 'district-area') {
      if (!isDistrictCode(cmd.districtCode)) problems.push({ field: 'districtCode', reason: `required for this parameter; one of ${DISTRICT_CODES.join(', ')}` });
      if (!isArea(cmd.area)) problems.push({ field: 'area', reason: "required for this parameter; 'urban' or 'rural'" });
      if (isDistrictCode(cmd.districtCode) && isArea(cmd.area)) scope = districtAreaScope(cmd.districtCode, cmd.area);
    } else if (cmd.districtCode || cmd.area) {
      problems.push({ field: 'districtCode', reason: 'this parameter is city-wide; do not give a district or area' });
    }
    if (problems.length) throw new InvalidInput(problems);

    const version = await this.ds.transaction(async (m) => {
      const v = await this.repo.publish(
        m,
        { key: cmd.key, scope, versionId: versionIdOf(cmd.key, scope, cmd.validFrom), validFrom: cmd.validFrom, value: cmd.value, unit: spec.unit, legalSource: cmd.legalSource, ...(cmd.note ? { note: cmd.note } : {}) },
        actor.id,
      );
      const versionId = v.versionId;
      if (cmd.key === 'dibao.standard') {
        const [districtCode, area] = scope.split('/') as ['640202', 'urban'];
        await this.outbox.append(m, StandardPublished, {
          districtCode,
          area,
          monthlyFen: (cmd.value as { monthlyFen: number }).monthlyFen,
          validFrom: cmd.validFrom,
          versionId,
          legalSource: cmd.legalSource,
        });
        // Every paying case of the district and area is re-decided under the new standard.
        await requestReassessment(m, { districtCode, area, standardVersionId: versionId, validFrom: cmd.validFrom, requestedBy: actor.id });
      }
      return v;
    });
    this.catalog.invalidate();
    this.onPublished?.(version);
    return version;
  }
}
