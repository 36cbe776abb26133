/**
 * The roles a token may carry (issue 12), with the words staff see. A role names what a person may
 * do; where they may do it is their jurisdiction (jurisdiction.ts). Roles a provider adds of its own
 * (Keycloak's `offline_access`, `default-roles-…`) are not in this list and are ignored.
 */
export const ROLES = {
  caseworker: { zh: '经办人（社工）', en: 'caseworker: files and keeps the cases of their township or street' },
  township_reviewer: { zh: '乡镇（街道）审核人', en: 'township reviewer: reviews the township’s cases (乡镇/街道审核)' },
  county_approver: { zh: '县级民政审批人', en: 'county approver: confirms cases for the district or county (县级民政确认)' },
  township_approver: { zh: '乡镇（街道）审批人（委托确认）', en: 'township approver: confirms where the county delegated confirmation to the township' },
  supervisor: { zh: '业务主管', en: 'supervisor: oversees the queues of their jurisdiction' },
  city_auditor: { zh: '市级稽核人员（只读）', en: 'city auditor: reads everything, changes nothing' },
  assessor: { zh: '老年人能力评估员', en: 'assessor: records elder ability assessments in their district' },
  admin: { zh: '系统管理员', en: 'administrator: parameters, standards, reassessment runs' },
  service: { zh: '系统服务（客户端凭证）', en: 'service: another system calling with client credentials' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type Role = keyof typeof ROLES;

export const ROLE_NAMES: readonly Role[] = Object.keys(ROLES) as Role[];

/** Every role a person (not a machine) holds. */
export const STAFF_ROLES: readonly Role[] = ROLE_NAMES.filter((r) => r !== 'service');

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ROLES, value);
}

/** `caseworker 经办人（社工）, township_reviewer 乡镇（街道）审核人` — for a message naming the roles an operation needs. */
export function describeRoles(roles: readonly Role[]): string {
  return roles.map((r) => `${r} ${ROLES[r].zh}`).join(', ');
}
