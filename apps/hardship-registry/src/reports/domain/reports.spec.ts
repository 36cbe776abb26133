import { DEFAULT_PLAN_TARGETS } from '../../parameters/domain/default-parameters';
import { CareSetting, SelfCareAbility } from '../../persons/domain/vocabulary';
import { BedKind, caseloadByTierAndSetting, concentratedCareRate, districtReports, nursingBedRatio, rateBp } from './reports';

const person = (selfCare: SelfCareAbility, careSetting: CareSetting, districtCode = '640202') => ({ selfCare, careSetting, districtCode });
const beds = (nursing: number, ordinary: number, districtCode = '640202') => [
  ...Array.from({ length: nursing }, () => ({ kind: 'nursing' as BedKind, districtCode })),
  ...Array.from({ length: ordinary }, () => ({ kind: 'ordinary' as BedKind, districtCode })),
];

describe('report figures', () => {
  it('rates are basis points rounded half up; a rate of nothing is null', () => {
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
    expect(rateBp(0, 0)).toBeNull();
  });

  describe('concentrated-care rate among those who partly or fully lost self-care (target ≥ 50 %)', () => {
    it('counts only those who cannot look after themselves, and those of them in an institution', () => {
      const r = concentratedCareRate(
        [person('full', 'institution'), person('full', 'home'), person('partly_lost', 'institution'), person('fully_lost', 'institution'), person('fully_lost', 'home'), person('partly_lost', 'home')],
        DEFAULT_PLAN_TARGETS,
      );
      expect(r).toMatchObject({ numerator: 2, denominator: 4, rateBp: 5000, targetBp: 5000, meetsTarget: true });
      expect(r.message.zh).toBe('生活不能自理特困人员集中供养率 2/4 = 50%，目标不低于 50%，已达到。');
    });

    it('compares with the target exactly, not on the rounded rate', () => {
      // 9999/20000 = 49.995 %, shown as 50 % when rounded, but below the target.
      const entries = [...Array.from({ length: 9999 }, () => person('fully_lost', 'institution')), ...Array.from({ length: 10001 }, () => person('fully_lost', 'home'))];
      expect(concentratedCareRate(entries, DEFAULT_PLAN_TARGETS)).toMatchObject({ rateBp: 5000, meetsTarget: false });
    });

    it('has nothing to measure when everyone has full self-care', () => {
      expect(concentratedCareRate([person('full', 'home')], DEFAULT_PLAN_TARGETS)).toMatchObject({ rateBp: null, meetsTarget: null });
    });
  });

  describe('nursing-type bed ratio (the plan: 60 % by 2025)', () => {
    it.each([
      [3, 7, 3000, false],
      [6, 4, 6000, true],
      [0, 0, null, null],
    ])('%i nursing beds of %i ordinary beds more → %p bp, target met %p', (nursing, ordinary, ratio, met) => {
      expect(nursingBedRatio(beds(nursing, ordinary), DEFAULT_PLAN_TARGETS)).toMatchObject({ rateBp: ratio, meetsTarget: met });
    });
  });

  it('counts the caseload by tier and setting, every cell present', () => {
    const c = caseloadByTierAndSetting([person('full', 'home'), person('full', 'home'), person('fully_lost', 'institution')]);
    expect(c).toEqual({
      counts: { full: { institution: 0, home: 2 }, partly_lost: { institution: 0, home: 0 }, fully_lost: { institution: 1, home: 0 } },
      byTier: { full: 2, partly_lost: 0, fully_lost: 1 },
      bySetting: { institution: 1, home: 2 },
      total: 3,
    });
  });

  it('reports each district with a person or a bed, in code order', () => {
    const r = districtReports([person('partly_lost', 'home', '640221'), person('partly_lost', 'institution', '640202')], beds(1, 1, '640205'), DEFAULT_PLAN_TARGETS);
    expect(r.map((d) => [d.districtCode, d.caseload.total, d.concentratedCare.rateBp, d.nursingBeds.rateBp])).toEqual([
      ['640202', 1, 10000, null],
      ['640205', 0, null, 5000],
      ['640221', 1, 0, null],
    ]);
  });

  it('an entry standing for several persons or beds (a row the SQL grouped) counts as that many', () => {
    const grouped = districtReports(
      [
        { selfCare: 'partly_lost', careSetting: 'institution', districtCode: '640202', count: 2 },
        { selfCare: 'fully_lost', careSetting: 'home', districtCode: '640202', count: 3 },
        { selfCare: 'full', careSetting: 'institution', districtCode: '640202', count: 4 },
      ],
      [
        { kind: 'nursing', districtCode: '640202', count: 6 },
        { kind: 'ordinary', districtCode: '640202', count: 4 },
      ],
      DEFAULT_PLAN_TARGETS,
    );
    const oneByOne = districtReports(
      [...Array(2).fill(person('partly_lost', 'institution')), ...Array(3).fill(person('fully_lost', 'home')), ...Array(4).fill(person('full', 'institution'))],
      beds(6, 4),
      DEFAULT_PLAN_TARGETS,
    );
    expect(grouped).toEqual(oneByOne);
    expect(grouped[0]).toMatchObject({ caseload: { total: 9 }, concentratedCare: { numerator: 2, denominator: 5, rateBp: 4000, meetsTarget: false }, nursingBeds: { rateBp: 6000, meetsTarget: true } });
  });
});
