import { refOf } from '@jiuzhu/common';
import { Household } from '../assessment/domain/household';

/** The keyed references (HMAC of the ID number) a case and its events use instead of ID numbers. */
export class PersonRefs {
  constructor(private readonly refKey: string) {}

  ofIdNumber(idNumber: string): string {
    return refOf(idNumber, this.refKey);
  }

  of(h: Household): string[] {
    return h.members.map((mb) => this.ofIdNumber(mb.idNumber));
  }

  ofMember(h: Household, memberIndex: number): string {
    return this.ofIdNumber(h.members[memberIndex].idNumber);
  }

  /** The household is referred to by its applicant's reference. */
  householdRef(h: Household, refs: string[]): string {
    return refs[h.members.findIndex((mb) => mb.relation === 'applicant')];
  }
}
