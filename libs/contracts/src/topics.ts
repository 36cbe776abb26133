/** One topic per producing service and aggregate, versioned (architecture.md, "The event backbone"). */
export const TOPICS = {
  livingAllowanceStandards: 'living-allowance.standards.v1',
  livingAllowanceCases: 'living-allowance.cases.v1',
  livingAllowanceLowIncome: 'living-allowance.low-income.v1',
  livingAllowancePriceSubsidies: 'living-allowance.price-subsidies.v1',
  elderAssessments: 'elder-assessment.assessments.v1',
  hardshipPersons: 'hardship-registry.persons.v1',
} as const;
