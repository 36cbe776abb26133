import { LocalDate } from '@jiuzhu/common';
import { Disability, IncomeKind, SupporterRelation } from './vocabulary';

/**
 * What the township's investigation established about a person who applies for special-hardship
 * support (民发〔2021〕43号 特困人员认定办法: the three conditions). Shapes are validated at the edge;
 * the birth dates come from the resident ID numbers there, which never reach the domain.
 */
export interface PersonFacts {
  birthDate: LocalDate;
  /** As certified on the disability card; empty when none. */
  disabilities: Disability[];
  /**
   * Schooling as recorded (入学/在读证明): whether the person is enrolled, and the day it was
   * recorded. Only read for a person past the minor age limit (policy.md §3: support may continue
   * past 18 while still in school). `null` when nothing was recorded.
   */
  schooling: Schooling | null;
  /**
   * Whether the person has been supported here since before the minor age limit. Continuation in
   * school is for those already supported as minors ("support may continue"), not a new way in.
   */
  supportedAsMinor: boolean;
  /** Codes of the province-set cases of no ability to work the investigation found (parameter `hardship.no-work-ability`). */
  provinceCases: string[];
  incomes: PersonIncome[];
  property: Property;
  /** Every legal supporter (法定义务人); empty when the person has none. */
  supporters: LegalSupporter[];
}

export interface Schooling {
  enrolled: boolean;
  recordedOn: LocalDate;
}

/** Monthly average over the last 12 months, in fen. */
export interface PersonIncome {
  kind: IncomeKind;
  monthlyFen: number;
}

/** The person's property (财产状况). */
export interface Property {
  /** Cash, deposits, securities, insurance with a cash value. */
  moneyFen: number;
  homes: number;
  /** Exempt: needed for living or work (a disabled person's mobility vehicle). */
  vehicles: { exempt: boolean }[];
}

/**
 * A legal supporter as the investigation found them: the facts that decide whether they can meet
 * the duty (policy.md §3 "Supporter unable"). Several may hold at once; each is listed.
 */
export interface LegalSupporter {
  relation: SupporterRelation;
  birthDate: LocalDate;
  /** Is a special-hardship person (特困人员) themselves. */
  specialHardship: boolean;
  /** Receives dibao (最低生活保障对象). */
  dibaoRecipient: boolean;
  /** The supporter's own monthly income, in fen (for the aged-with-low-income test). */
  monthlyIncomeFen: number;
  disabilities: Disability[];
  /** 无民事行为能力: declared by a court to lack civil capacity. */
  legallyIncapacitated: boolean;
  /** 被宣告失踪: declared missing by a court. */
  declaredMissing: boolean;
  /** 在监狱服刑. */
  inPrison: boolean;
}
