import { Kafka } from 'kafkajs';
import { residentIdCheckChar } from '@jiuzhu/common';
import { suiteTopic } from '../support/infra';
import { testKafkaConfig } from '../support/kafka-security';
import { describeFindings, scanTopics } from '../support/pii-scan';

/**
 * The topic half of the PII scan the global teardown runs (issue 12) must be able to fail: a topic
 * of this suite's own gets a message with an ID number in a header and a seeded name in its value.
 * The topic is deleted afterwards, so the run's own scan does not find the plant.
 */
describe('the PII scan of Kafka topics', () => {
  const topic = suiteTopic('pii-scan.planted.v1');
  const kafka = new Kafka(testKafkaConfig('pii-scan-test'));
  const first17 = '64020519520305002';
  const planted = first17 + residentIdCheckChar(first17);

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('names topic, partition, offset and header of an ID number, and the message holding a seeded name, masked', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'k1', value: '{"personRef":"ab12"}', headers: { ce_type: 'assessment.completed' } },
        { key: 'k2', value: '{"note":"为王秀英评估"}', headers: { 'dlt-error': `duplicate key (id_number)=(${planted})` } },
      ],
    });
    await producer.disconnect();

    const { findings, messages } = await scanTopics(kafka, ['王秀英'], { only: (t) => t === topic, timeoutMs: 30_000 });

    expect(messages).toBe(2);
    expect(findings).toEqual([
      { where: `topic ${topic} partition 0 offset 1 (value)`, what: 'seeded name 王**' },
      { where: `topic ${topic} partition 0 offset 1 (header dlt-error)`, what: `resident ID number 640205********${planted.slice(-4)}` },
    ]);
    expect(describeFindings(findings)).not.toContain(planted);
  });
});
