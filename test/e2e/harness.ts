import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, Partitioners, Producer } from 'kafkajs';
import { deadLetterTopicOf, envelopeToHeaders } from '@jiuzhu/contracts';
import { InProcessBus, OutboundMessage, toEnvelope } from '@jiuzhu/messaging';
import { suiteTopic } from '../support/infra';
import { testKafkaConfig } from '../support/kafka-security';

export interface DeadLetterSeen {
  eventId: string | undefined;
  reason: string;
  group: string;
  /** Why, as the dead letter says it (`dlt-error` on Kafka). */
  error: string;
}

/** What differs between the transports: how to inject a raw message and where dead letters land. */
export interface TransportHarness {
  inject(m: OutboundMessage): Promise<void>;
  deadLetters(): DeadLetterSeen[];
  close(): Promise<void>;
}

/** Injects raw messages with a kafkajs producer and watches the dead-letter topics of `topics`. */
export async function kafkaHarness(topics: string[]): Promise<TransportHarness> {
  const kafka = new Kafka(testKafkaConfig('e2e-harness'));
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const seen: DeadLetterSeen[] = [];
  const consumer: Consumer = kafka.consumer({ groupId: `e2e-dlt-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((t) => suiteTopic(deadLetterTopicOf(t))), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const h = (k: string) => message.headers?.[k]?.toString();
      seen.push({ eventId: h('ce_id'), reason: h('dlt-reason') ?? '', group: h('dlt-consumer-group') ?? '', error: h('dlt-error') ?? '' });
    },
  });
  return {
    async inject(m) {
      const headers = envelopeToHeaders(toEnvelope(m));
      await producer.send({ topic: suiteTopic(m.topic), messages: [{ key: m.key, value: JSON.stringify(m.payload), headers }] });
    },
    deadLetters: () => seen,
    async close() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

export function inProcessHarness(bus: InProcessBus): TransportHarness {
  return {
    inject: (m) => bus.deliver([m]),
    deadLetters: () => bus.deadLetters.map((d) => ({ eventId: d.envelope.id, reason: d.reason, group: d.group, error: d.error })),
    close: async () => undefined,
  };
}

