import { ruleOutcome } from '@jiuzhu/common';
import { Disability, disabilityText, DISABILITY_KIND_NAMES, DisabilityKind, gradesText } from '../../../persons/domain/vocabulary';
import { CriteriaRule } from '../criteria-decision';

export interface QualifyingDisabilityInput {
  disabilities: readonly Disability[];
  /** Parameter `hardship.no-work-ability`: the qualifying grades of each kind. */
  disabilityGrades: Readonly<Record<DisabilityKind, readonly number[]>>;
}

export interface QualifyingDisabilityArgs {
  disabilities: { kind: DisabilityKind; grade: number; qualifyingGrades: readonly number[]; qualifies: boolean }[];
}

const CODE = 'HARDSHIP.NO_WORK_ABILITY.DISABILITY';

/**
 * 民发〔2021〕43号 (无劳动能力): intellectual or mental disability of grades 1–3, physical of grades
 * 1–2, visual of grade 1 (grades of GB/T 26341-2010, grade 1 the most severe). The grades per kind
 * are a parameter; a kind with no grades listed (hearing, speech) never qualifies alone.
 */
export const qualifyingDisability: CriteriaRule<QualifyingDisabilityInput, QualifyingDisabilityArgs> = {
  code: CODE,
  check({ disabilities, disabilityGrades }) {
    const judged = disabilities.map((d) => {
      const qualifyingGrades = disabilityGrades[d.kind];
      return { kind: d.kind, grade: d.grade, qualifyingGrades, qualifies: qualifyingGrades.includes(d.grade) };
    });
    const passed = judged.some((d) => d.qualifies);
    const args = { disabilities: judged };
    if (judged.length === 0) return { ...ruleOutcome(CODE, false, { zh: '无残疾人证登记的残疾。', en: 'No certified disability.' }), args };
    const lines = judged.map((d) => {
      const text = disabilityText({ kind: d.kind, grade: d.grade as Disability['grade'] });
      const grades = gradesText(d.qualifyingGrades);
      const kind = DISABILITY_KIND_NAMES[d.kind];
      return d.qualifies
        ? { zh: `${text.zh}（${kind.zh}残疾${grades.zh}视为无劳动能力）`, en: `${text.en} (${kind.en} disability of ${grades.en} means no ability to work)` }
        : { zh: `${text.zh}（${kind.zh}残疾须为${grades.zh}）`, en: `${text.en} (${kind.en} disability must be of ${grades.en})` };
    });
    const zh = lines.map((l) => l.zh).join('；');
    const en = lines.map((l) => l.en).join('; ');
    return {
      ...ruleOutcome(CODE, passed, passed ? { zh: `${zh}：视为无劳动能力。`, en: `${en}: no ability to work.` } : { zh: `${zh}：残疾等级不符合。`, en: `${en}: no disability of a qualifying grade.` }),
      args,
    };
  },
};
