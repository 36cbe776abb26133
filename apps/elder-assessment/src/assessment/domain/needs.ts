import { LocalizedText } from '@jiuzhu/common';

/**
 * Needs assessment (需求评估), recorded with the ability assessment: which kinds of home-care help
 * (居家养老服务) the elder needs. The city plan asks for "elder ability and needs assessments whose
 * results drive support" (policy.md, opening and §5), so demand is counted by kind per district and
 * township. The ten kinds follow the home-care service catalogue (助餐、助浴、助医、助洁、助急、助行、
 * 助购、助乐、精神慰藉、助学).
 *
 * Kind codes are stored with every assessment and counted in summaries: never rename one.
 */
export const NEED_KINDS = ['meals', 'bathing', 'medical', 'cleaning', 'emergency', 'mobility', 'shopping', 'recreation', 'companionship', 'learning'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const NEED_KIND_NAMES: Readonly<Record<NeedKind, LocalizedText>> = {
  meals: { zh: '助餐', en: 'meals' },
  bathing: { zh: '助浴', en: 'bathing' },
  medical: { zh: '助医', en: 'medical help' },
  cleaning: { zh: '助洁', en: 'cleaning' },
  emergency: { zh: '助急', en: 'emergency help' },
  mobility: { zh: '助行', en: 'mobility' },
  shopping: { zh: '助购', en: 'shopping' },
  recreation: { zh: '助乐', en: 'recreation' },
  companionship: { zh: '精神慰藉', en: 'companionship' },
  learning: { zh: '助学', en: 'learning' },
};

/** One kind of help the elder needs; the note says what exactly (e.g. "lunch on weekdays"). */
export interface Need {
  kind: NeedKind;
  note?: string;
}

/** Notes are a line for the service provider, not a case file. */
export const NEED_NOTE_MAX_LENGTH = 500;

export function isNeedKind(x: unknown): x is NeedKind {
  return typeof x === 'string' && (NEED_KINDS as readonly string[]).includes(x);
}

export interface NeedsProblem {
  field: string;
  reason: 'not_a_list' | 'unknown_kind' | 'duplicate_kind' | 'not_text' | 'too_long';
  message: LocalizedText;
}

/**
 * Checks the needs as they arrive (usually JSON, so types are checked at run time). A kind listed
 * twice is refused rather than merged: the summary counts elders per kind, and two notes for one
 * kind would leave the provider guessing which one holds.
 */
export function validateNeeds(needs: unknown): NeedsProblem[] {
  if (!Array.isArray(needs)) {
    return [{ field: 'needs', reason: 'not_a_list', message: { zh: '服务需求应为列表（无需求时为空列表）。', en: 'Needs must be a list (empty when there are none).' } }];
  }
  const problems: NeedsProblem[] = [];
  const seen = new Set<string>();
  needs.forEach((n: unknown, i) => {
    const field = `needs[${i}]`;
    const need = (typeof n === 'object' && n !== null ? n : {}) as Record<string, unknown>;
    if (!isNeedKind(need.kind)) {
      problems.push({
        field: `${field}.kind`,
        reason: 'unknown_kind',
        message: { zh: `第 ${i + 1} 项服务需求的类型不在目录中（${NEED_KINDS.join('、')}）。`, en: `Need ${i + 1} must be one of ${NEED_KINDS.join(', ')}.` },
      });
    } else if (seen.has(need.kind)) {
      problems.push({ field: `${field}.kind`, reason: 'duplicate_kind', message: { zh: `「${NEED_KIND_NAMES[need.kind].zh}」重复登记。`, en: `"${need.kind}" is listed more than once.` } });
    } else {
      seen.add(need.kind);
    }
    if (need.note !== undefined && need.note !== null) {
      if (typeof need.note !== 'string') {
        problems.push({ field: `${field}.note`, reason: 'not_text', message: { zh: `第 ${i + 1} 项服务需求的说明应为文字。`, en: `The note of need ${i + 1} must be text.` } });
      } else if (need.note.length > NEED_NOTE_MAX_LENGTH) {
        problems.push({
          field: `${field}.note`,
          reason: 'too_long',
          message: { zh: `第 ${i + 1} 项服务需求的说明不超过 ${NEED_NOTE_MAX_LENGTH} 字。`, en: `The note of need ${i + 1} is longer than ${NEED_NOTE_MAX_LENGTH} characters.` },
        });
      }
    }
  });
  return problems;
}
