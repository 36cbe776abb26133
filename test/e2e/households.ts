import { residentIdCheckChar } from '@jiuzhu/common';

let counter = Math.floor(Math.random() * 400);

/** A valid, unique resident ID number (GB 11643) for test households. */
export function uniqueResidentId(birth = '19800101'): string {
  counter = (counter + 1) % 1000;
  const first17 = `640202${birth}${String(counter).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** A two-person urban household in 大武口区 whose income is well below the default standard. */
export function dibaoHousehold() {
  const birthYear = 1950 + Math.floor(Math.random() * 40);
  return {
    districtCode: '640202',
    area: 'urban',
    members: [
      { idNumber: uniqueResidentId(`${birthYear}0315`), relation: 'applicant' },
      { idNumber: uniqueResidentId(`${birthYear + 2}0611`), relation: 'spouse' },
    ],
    incomes: [{ memberIndex: 0, kind: 'wage', monthlyFen: 60000 }],
    deductions: [],
    assets: { moneyFen: 100000, homes: 1, housingAreaSqm: 50, vehicles: [] },
  };
}
