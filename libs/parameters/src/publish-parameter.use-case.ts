import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import {
  addMonths,
  Clock,
  compareLocalDate,
  DISTRICT_CODES,
  districtAreaScope,
  FieldProblem,
  GLOBAL_SCOPE,
  InvalidInput,
  isArea,
  isDistrictCode,
  isLocalDate,
  LocalDate,
  ParameterVersion,
  versionIdOf,
} from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { CachedParameterCatalog } from './parameter-catalog';
import { ParameterSpecs } from './parameter-spec';

export interface PublishParameterCommand {
  key: string;
  districtCode?: string;
  area?: string;
  validFrom: string;
  value: unknown;
  legalSource: string;
  note?: string;
  /** The publisher means a `validFrom` beyond the usual horizon. */
  farFuture?: boolean;
}

/**
 * What a service does when one of its parameters gets a new version — its own reaction, the one
 * thing the library cannot know (a new dibao standard is announced and opens a reassessment run).
 * Not called when a publication only finds the same version already there.
 */
export interface ParameterPublicationHook {
  /** In the publishing transaction, after the version is stored: what commits with it or not at all (`at`: its publication time). */
  published?(m: EntityManager, v: ParameterVersion, actor: Actor, at: Date): Promise<void>;
  /** After the commit (e.g. wake the worker that picks up what `published` recorded). */
  committed?(v: ParameterVersion): void;
}

/** Which `validFrom` dates a publication may name. */
export interface PublicationWindow {
  /** No version before this day: the first day of the service's catalog (its seed date). */
  earliest: LocalDate;
  /** Without `farFuture`, no version more than this many years ahead (default 5). */
  horizonYears?: number;
  /** Even with `farFuture`, no version more than this many years ahead (default 50). */
  farHorizonYears?: number;
}

/**
 * Publishes a new version of a parameter. Nothing is edited in place: a correction is a new
 * version, so a past decision still names the numbers it used.
 *
 * The date must lie in a window: a version dated 1899-12-31 or 9999-12-31 was once accepted, and
 * every run that then tried to apply it failed, again and again. A date beyond a few years ahead is
 * more likely a typing slip than a plan, so it needs the publisher's explicit `farFuture`.
 */
export class PublishParameter {
  constructor(
    private readonly ds: DataSource,
    private readonly catalog: CachedParameterCatalog<unknown>,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly specs: ParameterSpecs,
    private readonly window: PublicationWindow,
    private readonly hook: ParameterPublicationHook = {},
  ) {}

  async execute(cmd: PublishParameterCommand, actor: Actor): Promise<{ version: ParameterVersion; created: boolean }> {
    const spec = Object.hasOwn(this.specs, cmd.key) ? this.specs[cmd.key] : undefined;
    if (!spec) throw new InvalidInput([{ field: 'key', reason: `unknown parameter; one of ${Object.keys(this.specs).join(', ')}` }]);
    const problems: FieldProblem[] = [];
    const dateProblem = this.validFromProblem(cmd, spec.backDating === 'allowed');
    if (dateProblem) problems.push({ field: 'validFrom', reason: dateProblem });
    if (!spec.isValid(cmd.value)) problems.push({ field: 'value', reason: `does not have the shape of ${cmd.key} (unit: ${spec.unit}); see GET /parameters for the current value` });
    let scope = GLOBAL_SCOPE;
    if (spec.scope === 'district-area') {
      if (!isDistrictCode(cmd.districtCode)) problems.push({ field: 'districtCode', reason: `required for this parameter; one of ${DISTRICT_CODES.join(', ')}` });
      if (!isArea(cmd.area)) problems.push({ field: 'area', reason: "required for this parameter; 'urban' or 'rural'" });
      if (isDistrictCode(cmd.districtCode) && isArea(cmd.area)) scope = districtAreaScope(cmd.districtCode, cmd.area);
    } else if (cmd.districtCode !== undefined || cmd.area !== undefined) {
      problems.push({ field: cmd.districtCode !== undefined ? 'districtCode' : 'area', reason: 'this parameter is city-wide; do not give a district or area' });
    }
    if (problems.length) throw new InvalidInput(problems);

    const candidate: ParameterVersion = {
      key: cmd.key,
      scope,
      versionId: versionIdOf(cmd.key, scope, cmd.validFrom),
      validFrom: cmd.validFrom,
      value: cmd.value,
      unit: spec.unit,
      legalSource: cmd.legalSource,
      ...(cmd.note ? { note: cmd.note } : {}),
    };
    const at = this.clock.now();
    const publication = await this.audit.transaction(this.ds, async (m) => {
      const p = await this.catalog.repo.publish(m, candidate, actor.id, at);
      if (p.created) {
        await this.hook.published?.(m, publicOf(p.version), actor, at);
        // The version in full is public (GET /parameters); the trail keeps its digest beside who published it.
        this.audit.record(m, { actor, action: 'parameter.publish', target: auditTarget('parameter', p.version.versionId), after: digestOf(publicOf(p.version)), at });
      }
      return p;
    });
    if (publication.created) {
      this.catalog.invalidate();
      this.hook.committed?.(publicOf(publication.version));
    }
    return { version: publicOf(publication.version), created: publication.created };
  }

  private validFromProblem(cmd: PublishParameterCommand, mayBackDate: boolean): string | undefined {
    if (!isLocalDate(cmd.validFrom)) return 'must be a calendar date YYYY-MM-DD';
    const today = this.clock.today();
    const { earliest, horizonYears = 5, farHorizonYears = 50 } = this.window;
    if (compareLocalDate(cmd.validFrom, earliest) < 0) return `must not be before ${earliest}, the first day of this catalog`;
    // Rules take effect going forward: a back-dated number would silently change the basis of
    // decisions already made (a key whose spec allows it says why).
    if (!mayBackDate && compareLocalDate(cmd.validFrom, today) < 0) return `must not be in the past (today is ${today})`;
    const far = addMonths(today, 12 * farHorizonYears);
    if (compareLocalDate(cmd.validFrom, far) > 0) return `must not be after ${far} (${farHorizonYears} years ahead)`;
    const horizon = addMonths(today, 12 * horizonYears);
    if (!cmd.farFuture && compareLocalDate(cmd.validFrom, horizon) > 0) return `must not be after ${horizon} (${horizonYears} years ahead) unless farFuture is true`;
    return undefined;
  }
}

/** The version as published, without the bookkeeping columns (the API answers with these fields). */
function publicOf(v: ParameterVersion & { publishedAt?: string; publishedBy?: string }): ParameterVersion {
  const { publishedAt: _at, publishedBy: _by, ...version } = v;
  return version;
}
