import { ASSESSED_ON, assessmentWith, defaultParams, eventsDaysBefore, scoresWithTotal } from './assessment-inputs.fixtures';
import { AssessmentConditions } from './assessment-input';
import { ElderAssessmentParameters } from './assessment-parameters';
import { AssessmentResult } from './assessment-result';
import { renderAssessment } from './render-assessment';
import { scoreAssessment } from './score-assessment';

function lines(result: AssessmentResult, step: string, lang: 'zh' | 'en' = 'zh'): string[] {
  return renderAssessment(result)
    .filter((l) => l.step === step)
    .map((l) => l.text[lang]);
}

function scored(total: number, conditions: Partial<AssessmentConditions> = {}, params: ElderAssessmentParameters = defaultParams()): AssessmentResult {
  return scoreAssessment(assessmentWith({ total, conditions }), params);
}

describe('the assessment in words (zh for the family, en for logs and APIs)', () => {
  it('gives one line per explanation entry, in order, each in Chinese and English', () => {
    const r = scored(55);
    const rendered = renderAssessment(r);
    expect(rendered.map((l) => l.code)).toEqual(r.explanation.map((e) => e.code));
    for (const l of rendered) {
      expect(l.text.zh).not.toBe('');
      expect(l.text.en).not.toBe('');
    }
  });

  it('shows which items gave which sub-score', () => {
    const r = scoreAssessment(assessmentWith({ scores: scoresWithTotal(87, { 'SELF_CARE.EATING': 1 }) }), defaultParams());
    expect(lines(r, 'subtotal')[0]).toBe('自理能力 29/32 分：进食 1、修饰 4、洗澡 4、穿/脱上衣 4、穿/脱裤子和鞋袜 4、小便控制 4、大便控制 4、如厕 4。');
    expect(lines(r, 'subtotal', 'en')[1]).toBe('Basic mobility 15 of 15: bed transfer 4, bed-chair transfer 4, level walking 4, stairs 3.');
    expect(lines(r, 'total')).toEqual(['总分 87/90 分。']);
  });

  it('states the preliminary level with its band of totals', () => {
    expect(lines(scored(65), 'preliminary_level')).toEqual(['总分 65 分，属 46–65 分一档，初步评定为能力中度受损（中度失能）。']);
    expect(lines(scored(65), 'preliminary_level', 'en')).toEqual(['A total of 65 lies in the band 46–65: preliminary level moderate loss of ability.']);
    expect(lines(scored(90), 'preliminary_level')).toEqual(['总分 90 分，初步评定为能力完好。']);
  });

  it('states each raise rule considered, met or not', () => {
    const r = scored(55);
    expect(lines(r, 'raise.coma')).toEqual(['未处于昏迷状态。']);
    expect(lines(r, 'raise.diagnosis')).toEqual(['未确诊痴呆或其他精神和行为障碍，不因此提高等级。']);
    expect(lines(r, 'raise.care_risk_events')).toEqual(['2025-05-17 至 2025-06-15 的 30 天内发生照护风险事件 0 次，少于 2 次，不因此提高等级。']);
  });

  it('words a raise with the levels it moved between', () => {
    const r = scored(55, { dementiaDiagnosed: true });
    expect(lines(r, 'raise.diagnosis')).toEqual(['确诊痴呆，在原等级上提高 1 级：能力中度受损（中度失能） → 能力重度受损（重度失能）。']);
    expect(lines(r, 'final_level')).toEqual(['最终评定：能力重度受损（重度失能）（由初步等级能力中度受损（中度失能）提高 1 级）。']);
  });

  it('lists the care-risk events counted, oldest first, and says how many fell outside the window', () => {
    const r = scored(75, { careRiskEvents: [...eventsDaysBefore(ASSESSED_ON, 2, 40), { kind: 'wandering', on: '2025-06-01' }] });
    expect(lines(r, 'raise.care_risk_events')).toEqual([
      '2025-05-17 至 2025-06-15 的 30 天内发生照护风险事件 2 次（2025-06-01 走失；2025-06-13 跌倒；另有 1 次在此期间之外，不计），达到 2 次及以上，在原等级上提高 1 级：能力轻度受损（轻度失能） → 能力中度受损（中度失能）。',
    ]);
  });

  it('explains a raise held back by the combined cap', () => {
    const r = scored(55, { psychiatricDisorderDiagnosed: true, careRiskEvents: eventsDaysBefore(ASSESSED_ON, 1, 2) });
    expect(lines(r, 'raise.care_risk_events')[0]).toContain('在原等级上提高 1 级；但各情形合计提高不超过 1 级，已经用满，等级不变。');
    expect(lines(r, 'raise.care_risk_events', 'en')[0]).toContain('but the raises together may add at most 1 level, already used: the level is unchanged.');
  });

  it('explains a raise that finds the level already at complete', () => {
    expect(lines(scored(10, { dementiaDiagnosed: true }), 'raise.diagnosis')).toEqual(['确诊痴呆，在原等级上提高 1 级；已为能力完全丧失（完全失能），不再提高。']);
  });

  it('explains coma as a level set directly, and the other raises as superseded', () => {
    const r = scored(90, { coma: true, psychiatricDisorderDiagnosed: true });
    expect(lines(r, 'raise.coma')).toEqual(['处于昏迷状态，直接评定为能力完全丧失（完全失能），由能力完好提高 4 级。']);
    expect(lines(r, 'raise.diagnosis')[0]).toContain('已因昏迷直接评定等级，不再提高');
    expect(lines(r, 'final_level', 'en')).toEqual(['Final level: complete loss of ability (4 levels above the preliminary ability intact).']);
  });

  it('shows each self-care activity with the score that decided it, then the tier with its rule', () => {
    const r = scoreAssessment(
      assessmentWith({ scores: scoresWithTotal(60, { 'SELF_CARE.UPPER_DRESSING': 3, 'SELF_CARE.LOWER_DRESSING': 1 }) }),
      defaultParams(),
    );
    expect(lines(r, 'self_care.activity')[1]).toBe('自主穿衣：穿/脱上衣 3 分、穿/脱裤子和鞋袜 1 分，取最低 1 分，不高于 1 分，视为不能完成。');
    expect(lines(r, 'self_care.activity')[0]).toBe('自主吃饭：进食 4 分，高于 1 分，视为能够完成。');
    expect(lines(r, 'self_care')).toEqual(['六项生活自理指标中 1 项不能完成，生活自理能力：半失能（0 项为全自理，1–3 项为半失能，4 项及以上为全失能）。']);
    expect(lines(r, 'self_care', 'en')).toEqual(['1 of the six self-care activities cannot be done: self-care partly lost (0: full self-care; 1–3: partly lost; 4 or more: fully lost).']);
  });

  it('words a stored result exactly as when it was made: it needs nothing but the recorded result', () => {
    const r = scored(55, { dementiaDiagnosed: true, careRiskEvents: eventsDaysBefore(ASSESSED_ON, 1, 2) });
    const stored = JSON.parse(JSON.stringify(r)) as AssessmentResult;
    expect(renderAssessment(stored)).toEqual(renderAssessment(r));
  });
});
