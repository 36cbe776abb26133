import '../../../libs/common/src/runtime/register-aliases';
import { runAlone } from '@jiuzhu/platform';
import { elderAssessmentService } from './elder-assessment.service';

/** Runs the elder-assessment service alone, configured by environment variables only. */
runAlone({ name: 'elder-assessment', envPrefix: 'ELDER_ASSESSMENT', defaultPort: 3004, define: (refKey) => elderAssessmentService({ refKey }) });
