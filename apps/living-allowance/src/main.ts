import '../../../libs/common/src/runtime/register-aliases';
import { runAlone } from '@jiuzhu/platform';
import { livingAllowanceService } from './living-allowance.service';

/** Runs the living-allowance service alone, configured by environment variables only. */
runAlone({ name: 'living-allowance', envPrefix: 'LIVING_ALLOWANCE', defaultPort: 3001, define: (refKey) => livingAllowanceService({ refKey }) });
