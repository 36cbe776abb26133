import { ApplicationReviewed } from './application-reviewed.v1';
import { ApplicationReviewedV2 } from './application-reviewed.v2';
import { ApplicationSubmitted } from './application-submitted.v1';
import { ApplicationSubmittedV2 } from './application-submitted.v2';
import { CaseRefused } from './case-refused.v1';
import { NoticeObjected } from './notice-objected.v1';
import { NoticeObjectedV2 } from './notice-objected.v2';
import { NoticeStarted } from './notice-started.v1';
import { NoticeStartedV2 } from './notice-started.v2';
import { BenefitAdjusted } from './benefit-adjusted.v1';
import { CaseApproved } from './case-approved.v1';
import { CaseExiting } from './case-exiting.v1';
import { CaseRejected } from './case-rejected.v1';
import { CaseTerminated } from './case-terminated.v1';
import { LowIncomeRegistered } from './low-income-registered.v1';
import { LowIncomeRemoved } from './low-income-removed.v1';
import { PriceSubsidyGranted } from './price-subsidy-granted.v1';
import { ReassessmentCompleted } from './reassessment-completed.v1';
import { ReviewDue } from './review-due.v1';
import { StandardPublished } from './standard-published.v1';

export * from './application-reviewed.v1';
export * from './application-reviewed.v2';
export * from './application-submitted.v1';
export * from './application-submitted.v2';
export * from './case-refused.v1';
export * from './notice-objected.v1';
export * from './notice-objected.v2';
export * from './notice-started.v1';
export * from './notice-started.v2';
export * from './benefit-adjusted.v1';
export * from './case-approved.v1';
export * from './case-exiting.v1';
export * from './case-rejected.v1';
export * from './case-terminated.v1';
export * from './low-income-registered.v1';
export * from './low-income-removed.v1';
export * from './price-subsidy-granted.v1';
export * from './reassessment-completed.v1';
export * from './review-due.v1';
export * from './standard-published.v1';

export const LIVING_ALLOWANCE_EVENTS = [
  StandardPublished,
  ApplicationSubmitted,
  ApplicationSubmittedV2,
  ApplicationReviewed,
  ApplicationReviewedV2,
  NoticeStarted,
  NoticeStartedV2,
  NoticeObjected,
  NoticeObjectedV2,
  CaseApproved,
  CaseRefused,
  CaseRejected,
  CaseTerminated,
  LowIncomeRegistered,
  LowIncomeRemoved,
  BenefitAdjusted,
  ReassessmentCompleted,
  PriceSubsidyGranted,
  ReviewDue,
  CaseExiting,
] as const;
