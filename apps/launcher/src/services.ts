import { ServiceDefinition } from '@jiuzhu/platform';
import { elderAssessmentService } from '../../elder-assessment/src/elder-assessment.service';
import { hardshipRegistryService } from '../../hardship-registry/src/hardship-registry.service';
import { livingAllowanceService } from '../../living-allowance/src/living-allowance.service';

/**
 * Every service the launcher starts, with its database name and default port. The launcher is the
 * one composition root allowed to import other apps (only their `*.service.ts` definitions);
 * services themselves never import each other (checked by dependency-cruiser).
 */
export interface RegisteredService {
  envPrefix: string;
  database: string;
  defaultPort: number;
  define(o: { refKey: string }): ServiceDefinition;
}

export const REGISTERED_SERVICES: RegisteredService[] = [
  { envPrefix: 'LIVING_ALLOWANCE', database: 'living_allowance', defaultPort: 3001, define: (o) => livingAllowanceService(o) },
  { envPrefix: 'HARDSHIP_REGISTRY', database: 'hardship_registry', defaultPort: 3003, define: (o) => hardshipRegistryService(o) },
  { envPrefix: 'ELDER_ASSESSMENT', database: 'elder_assessment', defaultPort: 3004, define: (o) => elderAssessmentService(o) },
];
