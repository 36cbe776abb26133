import { dataschemaOf, EventEnvelope } from '@jiuzhu/contracts';
import { OutboundMessage } from '../outbox';

export function toEnvelope(m: OutboundMessage): EventEnvelope {
  return {
    id: m.id,
    source: m.source,
    type: m.type,
    specversion: '1.0',
    time: m.occurredAt,
    subject: m.key,
    datacontenttype: 'application/json',
    dataschema: dataschemaOf(m),
    version: m.version,
    data: m.payload,
  };
}
