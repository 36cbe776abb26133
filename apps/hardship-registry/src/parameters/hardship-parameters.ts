import { catalogStart, ParameterSpecs, PublicationWindow } from '@jiuzhu/parameters';
import { DEFAULT_HARDSHIP_PARAMETERS } from './domain/default-parameters';
import { HARDSHIP_PARAMETER_SPECS } from './domain/parameter-keys';

/** The keys libs/parameters publishes for this service: shape, unit, scope (all city-wide). */
export const HARDSHIP_PARAMETERS_SPECS: ParameterSpecs = HARDSHIP_PARAMETER_SPECS;

/**
 * No version before the catalog's first day, and none back-dated: a number changed behind a
 * confirmed entitlement would silently change what was decided (the dibao standard, which may be
 * back-dated, is living-allowance's and arrives by event).
 */
export const HARDSHIP_PUBLICATION_WINDOW: PublicationWindow = { earliest: catalogStart(DEFAULT_HARDSHIP_PARAMETERS) };
