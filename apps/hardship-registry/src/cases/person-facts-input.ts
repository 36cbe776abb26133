import { InvalidInput, LocalDate, normalizeResidentId, parseResidentId } from '@jiuzhu/common';
import type { Disability } from '../persons/domain/vocabulary';
import { LegalSupporter, PersonFacts, PersonIncome, Property, Schooling } from '../persons/domain/person-facts';

/** A legal supporter as a request describes them: by ID number, from which only the birth date is read (and nothing kept). */
export interface SupporterInput extends Partial<Omit<LegalSupporter, 'birthDate' | 'relation' | 'monthlyIncomeFen'>> {
  relation: LegalSupporter['relation'];
  idNumber: string;
  monthlyIncomeFen: number;
}

/** What a caseworker declares, or the township establishes, about the person (the three conditions' facts). */
export interface PersonFactsInput {
  disabilities?: Disability[];
  provinceCases?: string[];
  incomes?: PersonIncome[];
  property: { moneyFen: number; homes: number; vehicles?: { exempt: boolean }[] };
  supporters?: SupporterInput[];
}

/**
 * The domain's facts of a person: the birth date read from their ID number, each supporter's from
 * theirs (the numbers themselves go no further); what a request leaves out is none. The schooling
 * and whether the person was supported as a minor are the case's, kept from before.
 */
export function personFactsOf(input: PersonFactsInput, birthDate: LocalDate, kept: { schooling: Schooling | null; supportedAsMinor: boolean }, field = 'facts'): PersonFacts {
  const supporters = (input.supporters ?? []).map((s, i): LegalSupporter => {
    const parsed = parseResidentId(normalizeResidentId(s.idNumber));
    if (!parsed.ok) throw new InvalidInput([{ field: `${field}.supporters.${i}.idNumber`, reason: `is not a valid resident ID number (${parsed.reason})` }]);
    return {
      relation: s.relation,
      birthDate: parsed.value.birthDate,
      specialHardship: s.specialHardship ?? false,
      dibaoRecipient: s.dibaoRecipient ?? false,
      monthlyIncomeFen: s.monthlyIncomeFen,
      disabilities: (s.disabilities ?? []).map((d) => ({ kind: d.kind, grade: d.grade })),
      legallyIncapacitated: s.legallyIncapacitated ?? false,
      declaredMissing: s.declaredMissing ?? false,
      inPrison: s.inPrison ?? false,
    };
  });
  const property: Property = { moneyFen: input.property.moneyFen, homes: input.property.homes, vehicles: (input.property.vehicles ?? []).map((v) => ({ exempt: v.exempt })) };
  return {
    birthDate,
    disabilities: (input.disabilities ?? []).map((d) => ({ kind: d.kind, grade: d.grade })),
    schooling: kept.schooling,
    supportedAsMinor: kept.supportedAsMinor,
    provinceCases: [...(input.provinceCases ?? [])],
    incomes: (input.incomes ?? []).map((i) => ({ kind: i.kind, monthlyFen: i.monthlyFen })),
    property,
    supporters,
  };
}
