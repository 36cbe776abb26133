import { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { envelopeToHeaders } from '@jiuzhu/contracts';
import { OutboundMessage } from '../outbox';
import { EventPublisher } from '../publisher';
import { toEnvelope } from './envelope-mapping';

/**
 * Kafka sending side: an idempotent producer (no duplicates from its own retries, order kept per
 * partition), acks from all in-sync replicas; key = aggregate reference so one household's events
 * land on one partition in order. CloudEvents attributes travel as headers (binary content mode).
 */
export class KafkaPublisher implements EventPublisher {
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topicPrefix = '',
  ) {}

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  async publish(batch: OutboundMessage[]): Promise<void> {
    if (!this.producer) throw new Error('KafkaPublisher not started');
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const m of batch) {
      const topic = this.topicPrefix + m.topic;
      const list = byTopic.get(topic) ?? [];
      list.push({ key: m.key, value: JSON.stringify(m.payload), headers: envelopeToHeaders(toEnvelope(m)) });
      byTopic.set(topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}
