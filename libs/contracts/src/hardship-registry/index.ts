import { CareSettingChanged } from './care-setting-changed.v1';
import { DangerFound } from './danger-found.v1';
import { EntitlementChanged } from './entitlement-changed.v1';
import { PersonRegistered } from './person-registered.v1';
import { PersonTerminated } from './person-terminated.v1';
import { ReferralRequested } from './referral-requested.v1';
import { VisitOverdue } from './visit-overdue.v1';

export * from './care-setting-changed.v1';
export * from './danger-found.v1';
export * from './entitlement-changed.v1';
export * from './person-registered.v1';
export * from './person-terminated.v1';
export * from './referral-requested.v1';
export * from './visit-overdue.v1';
export { CARE_SETTINGS, DANGER_KINDS, ENTITLEMENT_TRIGGERS, REFERRAL_TARGETS, TERMINATION_GROUNDS } from './vocabulary';

export const HARDSHIP_REGISTRY_EVENTS = [PersonRegistered, EntitlementChanged, PersonTerminated, ReferralRequested, CareSettingChanged, VisitOverdue, DangerFound] as const;
