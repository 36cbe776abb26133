import { LocalizedText } from '@jiuzhu/common';
import { ABILITY_LEVEL_NAMES, AbilityLevel } from './ability-level';
import { CARE_RISK_EVENT_NAMES } from './assessment-input';
import { AppliedRaise, AssessmentResult, ExplanationEntry, ExplanationLine } from './assessment-result';
import { INDICATOR_NAMES, itemNamed } from './items';
import { SELF_CARE_ABILITY_NAMES, SELF_CARE_ACTIVITY_NAMES } from './self-care-ability';

/**
 * The assessment in words, for the assessors, the older person and their family: which items gave
 * which sub-scores, the level the total gives, each special situation considered, the final level
 * and the self-care ability. A pure function of the recorded result, so a stored result always reads
 * the same, whatever the parameters in force today.
 */
export function renderAssessment(result: AssessmentResult): ExplanationLine[] {
  return result.explanation.map(renderEntry);
}

export function renderEntry(entry: ExplanationEntry): ExplanationLine {
  return { step: entry.step, code: entry.code, text: entryText(entry) };
}

const level = (l: AbilityLevel): LocalizedText => ABILITY_LEVEL_NAMES[l];

/** "1 level", "2 levels". */
function levelsEn(n: number): string {
  return n === 1 ? '1 level' : `${n} levels`;
}

/**
 * What a raise did, after the rule has been stated: the move itself (joined with "：") or why it
 * moved less than the rule gives (joined with "；").
 */
function appliedText(a: AppliedRaise, maxCombinedLevels: number): { sep: LocalizedText; text: LocalizedText } {
  const move = { zh: `${level(a.from).zh} → ${level(a.to).zh}`, en: `${level(a.from).en} → ${level(a.to).en}` };
  const plain = { zh: '：', en: ' — ' };
  const limited = { zh: '；', en: '; ' };
  switch (a.limitedBy) {
    case null:
      return { sep: plain, text: a.levels === 0 ? { zh: '等级不变', en: 'the level is unchanged' } : move };
    case 'coma':
      return { sep: limited, text: { zh: '已因昏迷直接评定等级，不再提高', en: 'the level is already set by the coma, so no further raise' } };
    case 'complete':
      return {
        sep: limited,
        text:
          a.levels === 0
            ? { zh: `已为${level(a.from).zh}，不再提高`, en: `already ${level(a.from).en}, so no further raise` }
            : { zh: `至多提高到${level(a.to).zh}，实际提高 ${a.levels} 级：${move.zh}`, en: `no higher than ${level(a.to).en}, so raised ${levelsEn(a.levels)}: ${move.en}` },
      };
    case 'cap':
      return {
        sep: limited,
        text:
          a.levels === 0
            ? {
                zh: `但各情形合计提高不超过 ${maxCombinedLevels} 级，已经用满，等级不变`,
                en: `but the raises together may add at most ${levelsEn(maxCombinedLevels)}, already used: the level is unchanged`,
              }
            : {
                zh: `但各情形合计提高不超过 ${maxCombinedLevels} 级，实际提高 ${a.levels} 级：${move.zh}`,
                en: `but the raises together may add at most ${levelsEn(maxCombinedLevels)}, so raised ${levelsEn(a.levels)}: ${move.en}`,
              },
      };
  }
}

function entryText(entry: ExplanationEntry): LocalizedText {
  switch (entry.code) {
    case 'ELDER.SUBTOTAL': {
      const a = entry.args;
      const name = INDICATOR_NAMES[a.indicator];
      const zhItems = a.items.map((i) => `${itemNamed(i.item).name.zh} ${i.score}`).join('、');
      const enItems = a.items.map((i) => `${itemNamed(i.item).name.en} ${i.score}`).join(', ');
      return { zh: `${name.zh} ${a.score}/${a.maxScore} 分：${zhItems}。`, en: `${cap(name.en)} ${a.score} of ${a.maxScore}: ${enItems}.` };
    }
    case 'ELDER.TOTAL':
      return { zh: `总分 ${entry.args.total}/${entry.args.maxTotal} 分。`, en: `Total ${entry.args.total} of ${entry.args.maxTotal}.` };
    case 'ELDER.LEVEL_BY_TOTAL': {
      const a = entry.args;
      if (a.lowestTotal === a.highestTotal) {
        return { zh: `总分 ${a.total} 分，初步评定为${level(a.level).zh}。`, en: `A total of ${a.total}: preliminary level ${level(a.level).en}.` };
      }
      const band = `${a.lowestTotal}–${a.highestTotal}`;
      return {
        zh: `总分 ${a.total} 分，属 ${band} 分一档，初步评定为${level(a.level).zh}。`,
        en: `A total of ${a.total} lies in the band ${band}: preliminary level ${level(a.level).en}.`,
      };
    }
    case 'ELDER.RAISE.COMA': {
      const a = entry.args;
      if (!a.met || a.applied === null) return { zh: '未处于昏迷状态。', en: 'Not in a coma.' };
      const to = level(a.applied.to);
      return a.applied.levels === 0
        ? { zh: `处于昏迷状态，直接评定为${to.zh}；评分结果已为该等级。`, en: `In a coma: assessed directly as ${to.en}; the total already gives that level.` }
        : {
            zh: `处于昏迷状态，直接评定为${to.zh}，由${level(a.applied.from).zh}提高 ${a.applied.levels} 级。`,
            en: `In a coma: assessed directly as ${to.en}, ${levelsEn(a.applied.levels)} above ${level(a.applied.from).en}.`,
          };
    }
    case 'ELDER.RAISE.DEMENTIA_OR_PSYCHIATRIC_DISORDER': {
      const a = entry.args;
      if (!a.met || a.applied === null) return { zh: '未确诊痴呆或其他精神和行为障碍，不因此提高等级。', en: 'No diagnosed dementia or psychiatric disorder: no raise for it.' };
      const what = [
        ...(a.dementiaDiagnosed ? [{ zh: '确诊痴呆', en: 'diagnosed dementia' }] : []),
        ...(a.psychiatricDisorderDiagnosed ? [{ zh: '经精神科专科医生诊断患有精神和行为障碍', en: 'a psychiatric disorder diagnosed by a psychiatrist' }] : []),
      ];
      const { sep, text } = appliedText(a.applied, a.maxCombinedLevels);
      return {
        zh: `${what.map((w) => w.zh).join('且')}，在原等级上提高 ${a.raiseLevels} 级${sep.zh}${text.zh}。`,
        en: `${cap(what.map((w) => w.en).join(' and '))}: a raise of ${levelsEn(a.raiseLevels)}${sep.en}${text.en}.`,
      };
    }
    case 'ELDER.RAISE.CARE_RISK_EVENTS': {
      const a = entry.args;
      const n = a.eventsInWindow.length;
      const outside = a.eventsRecorded - n;
      const listZh = [
        ...a.eventsInWindow.map((e) => `${e.on} ${CARE_RISK_EVENT_NAMES[e.kind].zh}`),
        ...(outside > 0 ? [`另有 ${outside} 次在此期间之外，不计`] : []),
      ];
      const listEn = [
        ...a.eventsInWindow.map((e) => `${CARE_RISK_EVENT_NAMES[e.kind].en} on ${e.on}`),
        ...(outside > 0 ? [`${outside} more outside the window, not counted`] : []),
      ];
      const window = {
        zh: `${a.windowFrom} 至 ${a.windowTo} 的 ${a.windowDays} 天内发生照护风险事件 ${n} 次${listZh.length > 0 ? `（${listZh.join('；')}）` : ''}`,
        en: `${n} care-risk ${n === 1 ? 'event' : 'events'} in the ${a.windowDays} days ${a.windowFrom} to ${a.windowTo}${listEn.length > 0 ? ` (${listEn.join('; ')})` : ''}`,
      };
      if (!a.met || a.applied === null) {
        return { zh: `${window.zh}，少于 ${a.minEvents} 次，不因此提高等级。`, en: `${window.en}: fewer than ${a.minEvents}, no raise for it.` };
      }
      const { sep, text } = appliedText(a.applied, a.maxCombinedLevels);
      return {
        zh: `${window.zh}，达到 ${a.minEvents} 次及以上，在原等级上提高 ${a.raiseLevels} 级${sep.zh}${text.zh}。`,
        en: `${window.en}: ${a.minEvents} or more, a raise of ${levelsEn(a.raiseLevels)}${sep.en}${text.en}.`,
      };
    }
    case 'ELDER.FINAL_LEVEL': {
      const a = entry.args;
      return a.levelsRaised === 0
        ? { zh: `最终评定：${level(a.level).zh}（与初步等级相同）。`, en: `Final level: ${level(a.level).en} (the same as the preliminary level).` }
        : {
            zh: `最终评定：${level(a.level).zh}（由初步等级${level(a.preliminaryLevel).zh}提高 ${a.levelsRaised} 级）。`,
            en: `Final level: ${level(a.level).en} (${levelsEn(a.levelsRaised)} above the preliminary ${level(a.preliminaryLevel).en}).`,
          };
    }
    case 'ELDER.SELF_CARE.ACTIVITY': {
      const a = entry.args;
      const name = SELF_CARE_ACTIVITY_NAMES[a.activity];
      const itemsZh = a.items.map((i) => `${itemNamed(i.item).name.zh} ${i.score} 分`).join('、');
      const itemsEn = a.items.map((i) => `${itemNamed(i.item).name.en} ${i.score}`).join(', ');
      const worstZh = a.items.length > 1 ? `，取最低 ${a.worstScore} 分` : '';
      const worstEn = a.items.length > 1 ? `, the lower ${a.worstScore} decides` : '';
      return a.cannotDo
        ? {
            zh: `${name.zh}：${itemsZh}${worstZh}，不高于 ${a.cannotDoAtOrBelow} 分，视为不能完成。`,
            en: `${cap(name.en)}: ${itemsEn}${worstEn}; at or below ${a.cannotDoAtOrBelow}, so cannot be done.`,
          }
        : {
            zh: `${name.zh}：${itemsZh}${worstZh}，高于 ${a.cannotDoAtOrBelow} 分，视为能够完成。`,
            en: `${cap(name.en)}: ${itemsEn}${worstEn}; above ${a.cannotDoAtOrBelow}, so can be done.`,
          };
    }
    case 'ELDER.SELF_CARE.ABILITY': {
      const a = entry.args;
      const tier = SELF_CARE_ABILITY_NAMES[a.ability];
      const fullUpTo = a.partlyLostFromActivities - 1;
      const full = fullUpTo === 0 ? '0' : `0–${fullUpTo}`;
      const partlyUpTo = a.fullyLostFromActivities - 1;
      const partly = partlyUpTo === a.partlyLostFromActivities ? `${partlyUpTo}` : `${a.partlyLostFromActivities}–${partlyUpTo}`;
      const rule = {
        zh: `${full} 项为全自理，${partly} 项为半失能，${a.fullyLostFromActivities} 项及以上为全失能`,
        en: `${full}: full self-care; ${partly}: partly lost; ${a.fullyLostFromActivities} or more: fully lost`,
      };
      return {
        zh: `六项生活自理指标中 ${a.activitiesLost} 项不能完成，生活自理能力：${tier.zh}（${rule.zh}）。`,
        en: `${a.activitiesLost} of the six self-care activities cannot be done: ${tier.en} (${rule.en}).`,
      };
    }
    default:
      return unknownCode(entry);
  }
}

/** A code this version does not know (a newer result read by an older service): a clear error, not blank words. */
function unknownCode(x: never): never {
  throw new RangeError(`no wording for ${JSON.stringify((x as { code?: unknown }).code)}`);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
