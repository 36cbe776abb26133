import { Admin, Kafka, Producer } from 'kafkajs';
import { envelopeToHeaders } from '@jiuzhu/contracts';
import { OutboundMessage, toEnvelope } from '@jiuzhu/messaging';
import { eventually, suiteTopic } from './infra';
import { testKafkaConfig } from './kafka-security';

/**
 * Hands raw events to a consumer group on the broker, as another service's relay would (same key,
 * value and CloudEvents headers), and waits until the group has handled them: its committed offsets
 * reach the end each partition had once the events were written. That is the moment the in-process
 * bus's deliver() resolves, so one test reads the same on both transports.
 */
export class KafkaDelivery {
  private clients?: Promise<{ producer: Producer; admin: Admin }>;

  async deliver(group: string, messages: OutboundMessage[]): Promise<void> {
    const { producer, admin } = await (this.clients ??= this.connect());
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const m of messages) {
      const topic = suiteTopic(m.topic);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: m.key, value: JSON.stringify(m.payload), headers: envelopeToHeaders(toEnvelope(m)) }]);
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) });
    for (const topic of byTopic.keys()) {
      const ends = await admin.fetchTopicOffsets(topic);
      await eventually(
        async () => {
          const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
          const at = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
          // A partition that holds nothing has no committed offset (-1) and nothing to wait for.
          return ends.every((e) => e.high === e.low || (at.get(e.partition) ?? -1n) >= BigInt(e.high));
        },
        `consumer group ${group} to handle the events delivered to ${topic}`,
      );
    }
  }

  async close(): Promise<void> {
    const clients = this.clients;
    this.clients = undefined;
    if (!clients) return;
    const { producer, admin } = await clients;
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  }

  private async connect(): Promise<{ producer: Producer; admin: Admin }> {
    const kafka = new Kafka(testKafkaConfig('test-delivery'));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    return { producer, admin };
  }
}
