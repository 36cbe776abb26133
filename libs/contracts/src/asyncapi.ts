import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { dataschemaOf, EventContract, patternOf } from './event-contract';
import { deadLetterTopicOf } from './registry';

/**
 * The public contract as documents other teams can read without our code: a JSON Schema per event
 * payload (derived from the same class-validator rules consumers enforce) and an AsyncAPI 3 document
 * listing topics, keys, CloudEvents headers and examples.
 */
export function payloadSchemas(contracts: readonly EventContract<any>[]): Record<string, object> {
  const all = validationMetadatasToSchemas({ classValidatorMetadataStorage: getMetadataStorage(), refPointerPrefix: '#/components/schemas/' });
  const out: Record<string, object> = {};
  for (const c of contracts) {
    out[patternOf(c)] = { $id: dataschemaOf(c), title: `${c.type} v${c.version}`, description: c.description, ...all[c.payloadClass.name], examples: [c.example] };
  }
  return out;
}

export function asyncApiDocument(contracts: readonly EventContract<any>[]): object {
  const schemas = payloadSchemas(contracts);
  const topics = [...new Set(contracts.map((c) => c.topic))];
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  for (const topic of topics) {
    const own = contracts.filter((c) => c.topic === topic);
    const id = topic.replace(/[^a-zA-Z0-9]/g, '_');
    channels[id] = {
      address: topic,
      description: `Kafka topic; message key = aggregate reference; failing messages are parked on ${deadLetterTopicOf(topic)}.`,
      messages: Object.fromEntries(own.map((c) => [patternOf(c).replace(/[^a-zA-Z0-9]/g, '_'), { $ref: `#/components/messages/${patternOf(c).replace(/[^a-zA-Z0-9]/g, '_')}` }])),
    };
    operations[`publish_${id}`] = { action: 'send', channel: { $ref: `#/channels/${id}` } };
  }
  const messages = Object.fromEntries(
    contracts.map((c) => [
      patternOf(c).replace(/[^a-zA-Z0-9]/g, '_'),
      {
        name: c.type,
        title: `${c.type} v${c.version}`,
        summary: c.description,
        contentType: 'application/json',
        headers: {
          type: 'object',
          description: 'CloudEvents 1.0 binary content mode',
          required: ['ce_id', 'ce_source', 'ce_type', 'ce_specversion', 'ce_time', 'ce_subject', 'ce_dataschema', 'ce_version'],
          properties: {
            ce_id: { type: 'string', format: 'uuid', description: 'made once when the outbox row is written; consumers de-duplicate on it' },
            ce_source: { type: 'string' },
            ce_type: { type: 'string', const: c.type },
            ce_specversion: { type: 'string', const: '1.0' },
            ce_time: { type: 'string', format: 'date-time' },
            ce_subject: { type: 'string', description: 'the message key: householdRef / personRef / district/area' },
            ce_dataschema: { type: 'string', const: dataschemaOf(c) },
            ce_version: { type: 'string', const: String(c.version) },
          },
        },
        payload: schemas[patternOf(c)],
        examples: [{ payload: c.example }],
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: { title: 'Jiuzhu integration events', version: '1', description: 'Events carry references (keyed hashes), districts and facts — never names, ID numbers, phone numbers or addresses.' },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
