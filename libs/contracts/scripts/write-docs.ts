import '../../common/src/runtime/register-aliases';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_EVENT_CONTRACTS, asyncApiDocument, payloadSchemas } from '../src';

/** `npm run contracts:docs` — writes docs/asyncapi.json and docs/schemas/<type>.v<n>.json. */
const root = process.argv[2] ?? process.cwd();
mkdirSync(join(root, 'docs', 'schemas'), { recursive: true });
writeFileSync(join(root, 'docs', 'asyncapi.json'), JSON.stringify(asyncApiDocument(ALL_EVENT_CONTRACTS), null, 2) + '\n');
for (const [pattern, schema] of Object.entries(payloadSchemas(ALL_EVENT_CONTRACTS))) {
  writeFileSync(join(root, 'docs', 'schemas', `${pattern}.json`), JSON.stringify(schema, null, 2) + '\n');
}
process.stdout.write(`wrote docs/asyncapi.json and ${ALL_EVENT_CONTRACTS.length} schemas\n`);
