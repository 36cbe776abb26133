import { AbilityLossDiscovered } from './ability-loss-discovered.v1';
import { AssessmentCompleted } from './assessment-completed.v1';
import { AssessmentSuperseded } from './assessment-superseded.v1';
import { ReassessmentOverdue } from './reassessment-overdue.v1';

export * from './ability-loss-discovered.v1';
export * from './assessment-completed.v1';
export * from './assessment-superseded.v1';
export * from './reassessment-overdue.v1';

export const ELDER_ASSESSMENT_EVENTS = [AssessmentCompleted, AssessmentSuperseded, ReassessmentOverdue, AbilityLossDiscovered] as const;
