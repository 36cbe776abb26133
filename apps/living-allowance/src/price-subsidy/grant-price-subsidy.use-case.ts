import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail, auditTarget, digestOf } from '@jiuzhu/audit';
import { Clock, Conflict, FieldProblem, InvalidInput, LocalizedText, monthOf, RuleOutcome } from '@jiuzhu/common';
import type { Actor } from '@jiuzhu/auth';
import { PriceSubsidyGranted } from '@jiuzhu/contracts';
import { Outbox } from '@jiuzhu/messaging';
import { districtAreaScope, isArea, ParameterVersion } from '../parameters/domain/parameter';
import { PARAMETER_SPECS } from '../parameters/domain/parameter-keys';
import { versionInForce } from '../parameters/domain/resolve-parameters';
import { ParameterCatalog } from '../parameters/parameter-catalog';
import { AssistanceCategory, PriceSubsidyBasis } from './domain/labels';
import { isYearMonth, PriceIndexRecord } from './domain/price-index';
import { monthlySubsidyBatch, PriceSubsidyBatch, SubsidyHousehold } from './domain/monthly-subsidy-batch';
import { resolvePriceSubsidyTriggers } from './domain/resolve-price-subsidy-triggers';
import { CaseloadEntry, subsidyCaseload } from './domain/subsidy-caseload';
import { DEFAULT_INDEX_REGION, REGION_CODE } from './record-price-index.use-case';
import { PriceIndexRepository } from './price-index.repository';
import { DistrictTotalView, ExclusionView, isDuplicateMonth, PriceSubsidyBatchRepository, PriceSubsidyBatchView } from './price-subsidy-batch.repository';
import { ApplicationRepository } from '../applications/application.repository';

export interface GrantPriceSubsidyCommand {
  month: string;
  provinceCode?: string;
  indexMonth?: string;
}

const SPECIAL_HARDSHIP_NOTE: LocalizedText = {
  zh: '特困人员的价格临时补贴由特困人员供养服务发放（该服务尚未接入），不在本批次内。',
  en: 'Special-hardship persons are paid by the special-hardship service (not connected yet); they are not in this batch.',
};

/**
 * Settles one month of the price-linkage subsidy (policy.md §2) for one index region: decides the
 * month from the recorded index and the `price-subsidy.triggers` in force on its first day, pays
 * every covered case of the live caseload standard × rate (rounded half up, per person) × people,
 * and writes the batch, its payments and one `price-subsidy.granted` event in one transaction.
 *
 * A month is settled once: UNIQUE (province_code, month) refuses a second batch even from a
 * concurrent request, and the refusal is a 409 with its own code. A month in which neither index
 * triggers is settled too — recorded with no payments and announced by no event (there is nothing to
 * pay, and "stops when both are below" needs no message: no batch, no payment).
 */
export class GrantPriceSubsidy {
  constructor(
    private readonly ds: DataSource,
    private readonly batches: PriceSubsidyBatchRepository,
    private readonly indices: PriceIndexRepository,
    private readonly cases: ApplicationRepository,
    private readonly catalog: ParameterCatalog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async execute(cmd: GrantPriceSubsidyCommand, actor: Actor): Promise<PriceSubsidyBatchView> {
    const month = cmd.month;
    const provinceCode = cmd.provinceCode ?? DEFAULT_INDEX_REGION;
    const indexMonth = cmd.indexMonth ?? month;
    const problems: FieldProblem[] = [];
    if (!isYearMonth(month)) problems.push({ field: 'month', reason: 'must be a month YYYY-MM' });
    // The batch is computed on the live caseload: a month still to come cannot be settled on it.
    else if (month > monthOf(this.clock.today())) problems.push({ field: 'month', reason: 'must not be after the current month' });
    if (!REGION_CODE.test(provinceCode)) problems.push({ field: 'provinceCode', reason: 'must be a six-digit GB/T 2260 region code, e.g. 640000' });
    if (cmd.indexMonth !== undefined && !isYearMonth(cmd.indexMonth)) problems.push({ field: 'indexMonth', reason: 'must be a month YYYY-MM' });
    else if (isYearMonth(month) && indexMonth > month) problems.push({ field: 'indexMonth', reason: `must not be after the month paid (${month}): a month is paid on its own index or an earlier one` });
    if (problems.length) throw new InvalidInput(problems);

    // The catalog is read before the transaction, so it never waits for a second pool connection.
    const versions = await this.catalog.versions();
    const firstDay = `${month}-01`;
    const triggers = resolvePriceSubsidyTriggers(versions, firstDay);
    if (!triggers.ok) {
      throw new Conflict('PRICE_SUBSIDY.TRIGGERS_UNRESOLVED', `The parameter ${triggers.key} is ${triggers.reason === 'missing_parameter' ? 'not published' : 'malformed'} for ${firstDay}; publish it first.`);
    }
    const id = randomUUID();
    const at = this.clock.now().toISOString();
    const today = this.clock.today();

    try {
      await this.audit.transaction(this.ds, async (m) => {
        if (await this.batches.isSettled(m, provinceCode, month)) throw alreadySettled(provinceCode, month);
        const idx = await this.indices.readForBatch(m, provinceCode, indexMonth);
        if (!idx) {
          throw new Conflict('PRICE_SUBSIDY.INDEX_NOT_RECORDED', `No price index is recorded for ${provinceCode} ${indexMonth}; record it first (PUT /price-indices/${provinceCode}/${indexMonth}).`);
        }
        const index: PriceIndexRecord = { provinceCode, month: indexMonth, cpiRiseBp: idx.cpiRiseBp, foodCpiRiseBp: idx.foodCpiRiseBp };

        const rolls = await this.cases.subsidyRolls(m, month);
        const caseload = subsidyCaseload(rolls.dibao, rolls.lowIncome);
        const batch = monthlySubsidyBatch(month, caseload.entries.map((e) => toSubsidyHousehold(e, standardOf(versions, e, firstDay))), index, triggers.value);
        const byCase = new Map(caseload.entries.map((e) => [e.caseId, e]));
        const excluded = exclusionsOf(batch, byCase, batch.triggered ? caseload.fullyCoveredLowIncome : []);
        const explanation = batch.triggered && triggers.value.covers.specialHardship ? [...batch.explanation, SPECIAL_HARDSHIP_NOTE] : batch.explanation;
        const districtTotals: DistrictTotalView[] = batch.districtTotals.map((d) => ({ districtCode: d.districtCode, households: d.households, people: d.people, totalFen: d.amountFen }));
        const people = batch.payments.reduce((n, p) => n + p.peopleCovered, 0);

        await this.batches.insert(
          m,
          {
            id,
            provinceCode,
            month,
            status: batch.triggered ? 'granted' : 'not_triggered',
            triggered: batch.triggered,
            index: { month: indexMonth, cpiRiseBp: index.cpiRiseBp, foodCpiRiseBp: index.foodCpiRiseBp, revision: idx.revision },
            triggersVersionId: triggers.versionId,
            basis: batch.basis,
            rateBp: batch.rateBp,
            households: batch.payments.length,
            people,
            totalFen: batch.totalFen,
            districtTotals,
            excluded,
            rules: batch.rules,
            explanation,
            createdBy: actor.id,
            createdAt: at,
          },
          batch.payments.map((p) => ({
            caseId: p.caseId,
            householdRef: byCase.get(p.caseId)!.householdRef,
            category: p.category,
            districtCode: p.districtCode,
            area: p.area,
            people: p.peopleCovered,
            standardFen: p.standardFen,
            perPersonFen: p.perPersonFen,
            amountFen: p.amountFen,
          })),
        );
        // One row for the batch (set-based, like the payments): its digest covers every payment.
        this.audit.record(m, {
          actor,
          action: 'price_subsidy.grant',
          target: auditTarget('price_subsidy_batch', id),
          count: batch.payments.length,
          after: digestOf({ id, provinceCode, month, indexMonth, basis: batch.basis, rateBp: batch.rateBp, totalFen: batch.totalFen, payments: batch.payments }),
          at,
        });
        if (batch.triggered && batch.basis !== null) {
          await this.outbox.append(m, PriceSubsidyGranted, {
            batchId: id,
            provinceCode,
            month,
            indexMonth,
            basis: batch.basis,
            rateBp: batch.rateBp,
            triggersVersionId: triggers.versionId,
            households: batch.payments.length,
            people,
            totalFen: batch.totalFen,
            districtTotals,
            grantedOn: today,
          });
        }
      });
    } catch (e) {
      if (isDuplicateMonth(e)) throw alreadySettled(provinceCode, month);
      throw e;
    }
    return (await this.batches.get(month, provinceCode))!;
  }
}

function alreadySettled(provinceCode: string, month: string): Conflict {
  return new Conflict(
    'PRICE_SUBSIDY.MONTH_ALREADY_SETTLED',
    `The price subsidy of ${month} (index region ${provinceCode}) has already been settled; a month is never paid twice. See GET /price-subsidies/${month}.`,
  );
}

/** The dibao standard of the case's district and area in force on the month's first day — the base of the subsidy for every category. */
function standardOf(versions: readonly ParameterVersion[], e: CaseloadEntry, on: string): number {
  const v = isArea(e.area) ? versionInForce(versions, 'dibao.standard', districtAreaScope(e.districtCode, e.area), on) : undefined;
  if (v === undefined || !PARAMETER_SPECS['dibao.standard'].isValid(v.value)) {
    throw new Conflict(
      'PRICE_SUBSIDY.STANDARD_UNRESOLVED',
      `No valid dibao standard is in force for ${e.districtCode}/${e.area} on ${on}; the batch would leave its households unpaid, so nothing was written.`,
    );
  }
  return v.value.monthlyFen;
}

function toSubsidyHousehold(e: CaseloadEntry, standardFen: number): SubsidyHousehold {
  return { caseId: e.caseId, category: e.category, districtCode: e.districtCode, area: e.area, peopleCovered: e.peopleCovered, standardFen };
}

function exclusionsOf(batch: PriceSubsidyBatch, byCase: Map<string, CaseloadEntry>, fullyCovered: CaseloadEntry[]): ExclusionView[] {
  const counts = new Map<string, ExclusionView>();
  const add = (category: AssistanceCategory, code: string) => {
    const k = `${category}|${code}`;
    const c = counts.get(k) ?? { category, code, households: 0 };
    c.households++;
    counts.set(k, c);
  };
  for (const x of batch.excluded) add(byCase.get(x.caseId)?.category ?? x.category, x.reason.code);
  // Every member of these low-income households is already paid as a single-person dibao case.
  for (const e of fullyCovered) add(e.category, 'PRICE_SUBSIDY.MEMBERS_PAID_AS_DIBAO');
  return [...counts.values()].sort((a, b) => (a.category + a.code < b.category + b.code ? -1 : 1));
}
