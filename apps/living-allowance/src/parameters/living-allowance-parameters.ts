import { ParameterVersion } from '@jiuzhu/common';
import { catalogStart, PublicationWindow } from '@jiuzhu/parameters';
import { DEFAULT_PROCESS_PARAMETERS } from '../applications/domain/process-parameters';
import { DEFAULT_PRICE_SUBSIDY_PARAMETERS } from '../price-subsidy/domain/default-price-subsidy-parameters';
import { DEFAULT_PARAMETERS } from './domain/default-parameters';

/** What living-allowance seeds into its catalog on first start: the dibao, price-subsidy and process defaults. */
export const LIVING_ALLOWANCE_DEFAULT_PARAMETERS: readonly ParameterVersion[] = [...DEFAULT_PARAMETERS, ...DEFAULT_PRICE_SUBSIDY_PARAMETERS, ...DEFAULT_PROCESS_PARAMETERS];

/** No version before the catalog's first day (nothing could have been decided with it). */
export const LIVING_ALLOWANCE_PUBLICATION_WINDOW: PublicationWindow = { earliest: catalogStart(LIVING_ALLOWANCE_DEFAULT_PARAMETERS) };
