// Effective-dated parameters (rules as data) for every service: storage, the cached catalog with
// resolution by date, publication, the API and the table's migration. A service brings its specs
// and its reaction to a new version.
export * from './parameter-spec';
export * from './parameter-versions.repository';
export * from './parameter-catalog';
export * from './publish-parameter.use-case';
export * from './publish-parameter.dto';
export * from './parameters.controller';
export * from './parameters.module';
export * from './migrations/1745000000000-parameter-versions';
