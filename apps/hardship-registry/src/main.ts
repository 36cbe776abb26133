import '../../../libs/common/src/runtime/register-aliases';
import { runAlone } from '@jiuzhu/platform';
import { hardshipRegistryService } from './hardship-registry.service';

/** Runs the special-hardship registry alone, configured by environment variables only. */
runAlone({ name: 'hardship-registry', envPrefix: 'HARDSHIP_REGISTRY', defaultPort: 3003, define: (refKey) => hardshipRegistryService({ refKey }) });
